package dev.engram.autosync;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import dev.engram.logging.EventEncoder;
import dev.engram.logging.LogFormat;
import dev.engram.logging.LogSetup;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The lines the product's own encoder writes for one logger, at DEBUG, while open: what a user sees on
 * stderr with {@code --log-format FORMAT --log-level debug}. Closing restores the logger.
 */
final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Level level;
    private final boolean additive;

    LogCapture(String loggerName, LogFormat format) {
        LoggerContext context = LogSetup.logback();
        logger = context.getLogger(loggerName);
        EventEncoder encoder = EventEncoder.of(format);
        encoder.setContext(context);
        encoder.start();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(out);
        appender.start();
        level = logger.getLevel();
        additive = logger.isAdditive();
        logger.setLevel(Level.DEBUG);
        logger.setAdditive(false);
        logger.addAppender(appender);
    }

    /** Everything written so far, and forgets it. */
    synchronized String drain() {
        String text = out.toString(StandardCharsets.UTF_8);
        out.reset();
        return text;
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
        logger.setLevel(level);
        logger.setAdditive(additive);
    }

    /** Parses {@code key=value key="quoted \"value\""} pairs (JSON string escapes inside quotes), in order. */
    static Map<String, String> logfmt(String text) {
        Map<String, String> pairs = new LinkedHashMap<>();
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && text.charAt(i) == ' ') {
                i++;
            }
            int eq = text.indexOf('=', i);
            if (eq < 0) {
                throw new IllegalArgumentException("not logfmt at " + i + ": " + text);
            }
            String key = text.substring(i, eq);
            i = eq + 1;
            StringBuilder value = new StringBuilder();
            if (i < text.length() && text.charAt(i) == '"') {
                i++;
                while (text.charAt(i) != '"') {
                    char c = text.charAt(i++);
                    if (c == '\\') {
                        char e = text.charAt(i++);
                        switch (e) {
                            case 'n' -> value.append('\n');
                            case 'r' -> value.append('\r');
                            case 't' -> value.append('\t');
                            case 'u' -> {
                                value.append((char) Integer.parseInt(text.substring(i, i + 4), 16));
                                i += 4;
                            }
                            default -> value.append(e);
                        }
                    } else {
                        value.append(c);
                    }
                }
                i++;
            } else {
                while (i < text.length() && text.charAt(i) != ' ') {
                    value.append(text.charAt(i++));
                }
            }
            if (pairs.put(key, value.toString()) != null) {
                throw new IllegalArgumentException("key " + key + " twice in: " + text);
            }
        }
        return pairs;
    }
}
