package dev.engram.memory;

import java.util.regex.Pattern;

/** Replaces {@code <private>...</private>} spans with {@code [REDACTED]} before anything is stored. */
public final class Redaction {
    public static final String MARK = "[REDACTED]";
    private static final Pattern PRIVATE = Pattern.compile("(?is)<private>.*?</private>");
    /** An opening tag never closed hides everything after it: failing safe beats leaking. */
    private static final Pattern UNCLOSED = Pattern.compile("(?is)<private>.*\\z");

    private Redaction() {
    }

    public static String redact(String text) {
        if (text == null || text.indexOf('<') < 0) {
            return text;
        }
        String closed = PRIVATE.matcher(text).replaceAll(MARK);
        return UNCLOSED.matcher(closed).replaceAll(MARK);
    }
}
