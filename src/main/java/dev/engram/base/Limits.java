package dev.engram.base;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * The ranges every value must fall in wherever it enters (contract 8.5, "sane values only"): a local
 * save, an import, a push the cloud server receives and a mutation a replica pulls are all held to
 * the same numbers, so that nothing one side accepts is refused by the other and blocks replication.
 * Each check returns null for a good value, or the problem as the end of a sentence that starts with
 * the field's name ({@code "title is 1200 characters long, at most 1000"}).
 */
public final class Limits {
    /** Identifiers and short labels: sync ids, session ids, topic keys, project names, types, tool names. */
    public static final int MAX_KEY_CHARS = 256;
    public static final int MAX_TITLE_CHARS = 1_000;
    /** Content, prompts and session summaries. */
    public static final int MAX_CONTENT_CHARS = 1_000_000;
    public static final int MAX_DIRECTORY_CHARS = 4_096;
    /** How far ahead of the checking clock a time or version may be (clocks of two machines disagree a little, never by a day). */
    public static final Duration MAX_FUTURE = Duration.ofDays(1);
    /** The earliest acceptable time: nothing an agent remembers happened before the Unix epoch. */
    public static final Instant EARLIEST = Instant.EPOCH;
    /** A write version: 12 hex digits of milliseconds, 4 of counter, the origin replica (printable ASCII). */
    private static final Pattern VERSION = Pattern.compile("[0-9a-f]{12}\\.[0-9a-f]{4}\\.[\\x21-\\x7e]{1,64}");

    private Limits() {
    }

    /** A text of at most {@code max} characters without a NUL character. */
    public static String textProblem(String value, int max) {
        if (value.indexOf('\0') >= 0) {
            return "contains a NUL character";
        }
        if (value.length() > max) {
            return "is " + value.length() + " characters long, at most " + max;
        }
        return null;
    }

    /** A time between {@link #EARLIEST} and {@link #MAX_FUTURE} past {@code now}. */
    public static String timeProblem(Instant value, Instant now) {
        if (value.isBefore(EARLIEST)) {
            return "is before 1970-01-01";
        }
        if (value.isAfter(now.plus(MAX_FUTURE))) {
            return "is more than a day in the future (" + Timestamps.format(now) + " now)";
        }
        return null;
    }

    /** An RFC 3339 time within range; the text is parsed here so that no caller meets an out-of-range instant. */
    public static String timeTextProblem(String text, Instant now) {
        Instant t;
        try {
            t = Instant.parse(text);
        } catch (RuntimeException e) {
            return "is not an RFC 3339 UTC time such as 2026-11-27T06:00:00.123Z";
        }
        return timeProblem(t, now);
    }

    /** A well-formed write version whose clock part is not in the far future. */
    public static String versionProblem(String text, Instant now) {
        if (!VERSION.matcher(text).matches()) {
            return "is not a version (12 hex digits, '.', 4 hex digits, '.', a replica id)";
        }
        long millis = Long.parseLong(text.substring(0, 12), 16);
        if (millis > now.plus(MAX_FUTURE).toEpochMilli()) {
            return "is more than a day in the future (" + Timestamps.format(now) + " now)";
        }
        return null;
    }
}
