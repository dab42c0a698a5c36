/**
 * The web UI of {@code engram serve} at {@code /} (contract section 12): server-rendered pages for
 * projects, a project's memories, search, one observation (edit, delete), sessions with their prompts,
 * and sync (the status record in words, dead letters, the last hour as a chart). Markup is written by
 * {@link dev.engram.web.Html}, which escapes every value, so stored text is always shown as text; the
 * only script is htmx, served from its webjar. Writes are same-origin form posts to {@code /ui/...}
 * that the API's request guard lets through, and they call the same store methods as the API.
 * Depends on {@code memory}, {@code sync} (dead letters), {@code autosync} (the sync history),
 * {@code view}, {@code base} and {@code logging}.
 */
package dev.engram.web;
