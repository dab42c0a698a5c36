package dev.engram.logging;

/** {@code time=... level=INFO msg="manager started" component=autosync poll_interval=30000}. */
public final class LogfmtEventEncoder extends EventEncoder {
    @Override
    protected void head(StringBuilder out, String time, String level, String msg, String sourceKey, String source) {
        field(out, "time", time);
        field(out, "level", level);
        field(out, "msg", msg);
        field(out, sourceKey, source);
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
        if (!out.isEmpty()) {
            out.append(' ');
        }
        Escaping.key(out, key);
        out.append('=');
    }
}
