package dev.engram.setup;

import java.util.Locale;

/** Whether what setup writes is in a file: not at all, exactly as this installation would write it, or in another form. */
public enum PartState {
    ABSENT, CURRENT, OUTDATED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
