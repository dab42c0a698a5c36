package dev.engram.logging;

/**
 * For people: {@code 2026-11-27T06:00:00.123Z WARN  autosync: push failed error="..." elapsed=12}.
 * The message is escaped like a JSON string and values like logfmt ones, so an event stays one line.
 */
public final class TextEventEncoder extends EventEncoder {
    @Override
    protected void head(StringBuilder out, String time, String level, String msg, String sourceKey, String source) {
        out.append(time).append(' ').append(level).append(" ".repeat(Math.max(1, 6 - level.length())));
        Escaping.json(out, source);
        out.append(": ");
        Escaping.json(out, msg);
    }

    @Override
    protected void field(StringBuilder out, String key, String value) {
        key(out, key);
        Escaping.logfmtValue(out, value);
    }

    @Override
    protected void number(StringBuilder out, String key, String literal) {
        key(out, key);
        out.append(literal);
    }

    @Override
    protected void nullField(StringBuilder out, String key) {
        key(out, key);
        out.append("null");
    }

    private static void key(StringBuilder out, String key) {
        out.append(' ');
        Escaping.key(out, key);
        out.append('=');
    }
}
