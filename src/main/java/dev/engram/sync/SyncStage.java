package dev.engram.sync;

/** The two halves of a pass. */
public enum SyncStage {
    PUSH, PULL
}
