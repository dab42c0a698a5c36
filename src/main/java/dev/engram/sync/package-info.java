/**
 * One sync pass, and nothing around it: lease, push the journal, pull and apply, with the pull cursor
 * and the dead letters in the local database. A pass runs on its caller's thread; its only helper is
 * one short-lived thread per pull that fetches the next page while the current one is applied (it ends
 * with the pull). No sleeping, no retry policy: the autosync manager and {@code engram sync} decide
 * when a pass runs. Depends on {@code memory}, {@code transport}, {@code base}.
 */
package dev.engram.sync;
