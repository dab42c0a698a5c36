package dev.engram.logging;

/** {@code {"time":"...","level":"INFO","msg":"...","component":"autosync","count":3}}: flat and typed. */
public final class JsonEventEncoder extends EventEncoder {
    @Override
    protected void head(StringBuilder out, String time, String level, String msg, String sourceKey, String source) {
        out.append('{');
        field(out, "time", time);
        field(out, "level", level);
        field(out, "msg", msg);
        field(out, sourceKey, source);
    }

    @Override
    protected void field(StringBuilder out, String key, String value) {
        key(out, key);
        out.append('"');
        Escaping.json(out, value);
        out.append('"');
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

    @Override
    protected void finish(StringBuilder out) {
        out.append('}');
    }

    private static void key(StringBuilder out, String key) {
        if (out.length() > 1) {
            out.append(',');
        }
        out.append('"');
        Escaping.json(out, key);
        out.append("\":");
    }
}
