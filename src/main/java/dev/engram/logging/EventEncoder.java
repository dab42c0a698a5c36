package dev.engram.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import dev.engram.base.Timestamps;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.slf4j.event.KeyValuePair;

/**
 * One event, one line: {@code time}, {@code level}, {@code msg}, {@code component}, then the event's
 * key-values in the order they were added, then {@code exception} when there is one. The three
 * built-in formats differ only in how the head and a field are written; subclasses close the line
 * in {@link #finish}.
 */
public abstract class EventEncoder extends EncoderBase<ILoggingEvent> {
    private static final byte[] NONE = new byte[0];
    /** Keys the head and tail own; an event's own pair with such a key is written as {@code _key}, never twice. */
    private static final Set<String> RESERVED = Set.of("time", "level", "msg", "logger", "exception");

    @Override
    public byte[] headerBytes() {
        return NONE;
    }

    @Override
    public byte[] footerBytes() {
        return NONE;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        StringBuilder out = new StringBuilder(160);
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        Object component = null;
        if (pairs != null) {
            for (KeyValuePair kv : pairs) {
                if (ComponentLogger.COMPONENT_KEY.equals(kv.key)) {
                    component = kv.value;
                    break;
                }
            }
        }
        head(out, Timestamps.formatMillis(event.getTimeStamp()), event.getLevel().toString(),
                String.valueOf(event.getFormattedMessage()),
                component != null ? ComponentLogger.COMPONENT_KEY : "logger",
                component != null ? component.toString() : event.getLoggerName());
        if (pairs != null) {
            for (KeyValuePair kv : pairs) {
                if (!ComponentLogger.COMPONENT_KEY.equals(kv.key)) {
                    value(out, RESERVED.contains(kv.key) ? "_" + kv.key : kv.key, kv.value);
                }
            }
        }
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            field(out, "exception", ThrowableProxyUtil.asString(thrown).stripTrailing());
        }
        finish(out);
        out.append('\n');
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void value(StringBuilder out, String key, Object value) {
        if (value == null) {
            nullField(out, key);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            number(out, key, value.toString());
        } else if (value instanceof Double d && Double.isFinite(d)) {
            number(out, key, value.toString());
        } else if (value instanceof Float f && Float.isFinite(f)) {
            number(out, key, value.toString());
        } else if (value instanceof Duration d) {
            number(out, key, Long.toString(d.toMillis()));
        } else if (value instanceof Boolean b) {
            number(out, key, b.toString());
        } else if (value instanceof Instant i) {
            field(out, key, Timestamps.format(i));
        } else {
            field(out, key, value.toString());
        }
    }

    /**
     * The fixed start of a line. {@code sourceKey} is {@code component} for Engram's own events and
     * {@code logger} for a library's, {@code source} its value.
     */
    protected abstract void head(StringBuilder out, String time, String level, String msg, String sourceKey, String source);

    /** A string field after the head. */
    protected abstract void field(StringBuilder out, String key, String value);

    /** Closes the line's structure (the newline is added after it). */
    protected void finish(StringBuilder out) {
    }

    /** A number or boolean, written bare. */
    protected abstract void number(StringBuilder out, String key, String literal);

    protected abstract void nullField(StringBuilder out, String key);

    /** The encoder for a built-in format. */
    public static EventEncoder of(LogFormat format) {
        return switch (format) {
            case JSON -> new JsonEventEncoder();
            case LOGFMT -> new LogfmtEventEncoder();
            case TEXT -> new TextEventEncoder();
        };
    }
}
