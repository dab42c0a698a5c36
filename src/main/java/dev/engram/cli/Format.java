package dev.engram.cli;

import dev.engram.base.Timestamps;
import java.time.Instant;

/** Small formatting rules shared by the human outputs. */
final class Format {
    private Format() {
    }

    /** {@code 2026-11-27 06:00} in UTC. */
    static String date(Instant t) {
        if (t == null) {
            return "";
        }
        String s = Timestamps.format(t);
        return s.substring(0, 10) + " " + s.substring(11, 16);
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format("%.1f KiB", n / 1024.0);
        }
        return String.format("%.1f MiB", n / (1024.0 * 1024));
    }
}
