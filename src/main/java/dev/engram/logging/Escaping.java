package dev.engram.logging;

/**
 * Escaping shared by the encoders. Whatever a value holds (newlines, quotes, control characters,
 * a forged {@code level=ERROR}), the escaped form stays inside its field and on its line.
 */
final class Escaping {
    private Escaping() {
    }

    /** Appends {@code s} as the inside of a JSON string. */
    static void json(StringBuilder out, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                        unicode(out, c);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }

    /** Appends {@code s} as a logfmt value: bare when it is a plain token, quoted and escaped otherwise. */
    static void logfmtValue(StringBuilder out, String s) {
        if (!needsQuotes(s)) {
            out.append(s);
            return;
        }
        out.append('"');
        json(out, s);
        out.append('"');
    }

    /** Appends a key with every character outside {@code [A-Za-z0-9_.-]} replaced by {@code _}. */
    static void key(StringBuilder out, String key) {
        if (key == null || key.isEmpty()) {
            out.append('_');
            return;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '.' || c == '-';
            out.append(plain ? c : '_');
        }
    }

    private static boolean needsQuotes(String s) {
        if (s.isEmpty()) {
            return true;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c == '=' || c == '"' || c == '\\' || c == 0x7f || c == '\u2028' || c == '\u2029') {
                return true;
            }
        }
        return false;
    }

    private static void unicode(StringBuilder out, char c) {
        out.append("\\u");
        String hex = Integer.toHexString(c);
        out.append("0".repeat(4 - hex.length())).append(hex);
    }
}
