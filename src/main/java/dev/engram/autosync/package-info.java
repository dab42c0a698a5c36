/**
 * The autosync manager: a pure decision core ({@code AutosyncCore.tick(state, now)}) and one thin owner
 * thread around it that runs sync passes, backs off on failure, and never stops for good; the status
 * record every pass persists and every process reads ({@code SyncStatusReader}); its typed events
 * ({@link dev.engram.autosync.AutosyncEvent}), the catalogue of their log lines ({@link dev.engram.autosync.LogEvent},
 * rendered by {@link dev.engram.autosync.LogLines}) and the one logging implementation; and the last hour of
 * activity per minute for the web UI's chart ({@link dev.engram.autosync.SyncHistory}, another listener). Depends on {@code sync}, {@code transport}, {@code memory},
 * {@code base} and {@code logging}.
 */
package dev.engram.autosync;
