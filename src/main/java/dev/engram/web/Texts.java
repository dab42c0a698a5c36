package dev.engram.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the UI writes times, ages and counts for people. */
final class Texts {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private Texts() {
    }

    static String when(Instant t) {
        return t == null ? "never" : WHEN.format(t);
    }

    /** The machine-readable form for {@code <time datetime>}. */
    static String iso(Instant t) {
        return t == null ? null : t.toString();
    }

    /** "3 min", "2 h 5 min", "4 days". */
    static String age(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min";
        }
        if (s < 86_400) {
            return (s / 3600) + " h " + (s % 3600 / 60) + " min";
        }
        return (s / 86_400) + (s / 86_400 == 1 ? " day" : " days");
    }

    static String ago(Instant t, Instant now) {
        return t == null ? "never" : age(Duration.between(t, now)) + " ago";
    }

    static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** At most {@code max} characters, with an ellipsis when cut. */
    static String shorten(String s, int max) {
        if (s == null) {
            return "";
        }
        return s.length() <= max ? s : s.substring(0, max).stripTrailing() + "…";
    }
}
