/**
 * The autosync manager: a pure decision core ({@code AutosyncCore.tick(state, now)}) and one thin owner
 * thread around it that runs sync passes, backs off on failure, and never stops for good; the status
 * record it publishes and persists; and its typed event catalogue ({@link dev.engram.autosync.AutosyncEvent})
 * with the one logging implementation. Depends on {@code sync}, {@code transport}, {@code memory},
 * {@code base} and {@code logging}.
 */
package dev.engram.autosync;
