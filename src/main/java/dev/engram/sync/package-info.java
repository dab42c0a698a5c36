/**
 * One sync pass, and nothing around it: lease, push the journal, pull and apply, with the pull cursor
 * and the dead letters in the local database. No threads, no sleeping, no retry policy: the autosync
 * manager and {@code engram sync} decide when a pass runs. Depends on {@code memory}, {@code transport},
 * {@code base}.
 */
package dev.engram.sync;
