package dev.engram.autosync;

import dev.engram.logging.ComponentLogger;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Writes the autosync log events of contract 7 through one logger with {@code component=autosync}:
 * {@link LogLines} decides the line, {@link LogEvent} is the catalogue; this class only hands the line
 * to SLF4J.
 */
public final class LoggingAutosyncListener implements AutosyncListener {
    private static final ComponentLogger log = ComponentLogger.of("autosync");

    @Override
    public void on(AutosyncEvent event) {
        LogEvent.LogLine line = LogLines.of(event);
        if (line == null) {
            return;
        }
        LoggingEventBuilder b = switch (line.level()) {
            case ERROR -> log.atError();
            case WARN -> log.atWarn();
            case INFO -> log.atInfo();
            case DEBUG, TRACE -> log.atDebug();
        };
        b.setMessage(line.event().msg());
        line.fields().forEach(b::addKeyValue);
        if (line.cause() != null) {
            b.setCause(line.cause());
        }
        b.log();
    }
}
