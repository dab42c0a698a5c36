package dev.engram.logging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The one logger a component writes through. Every event it builds already carries
 * {@code component=<name>}, so no call site can forget it and no message needs a manual prefix.
 *
 * <pre>{@code
 * private static final ComponentLogger log = ComponentLogger.of("store");
 * log.atDebug().setMessage("migration applied").addKeyValue("version", 3).log();
 * }</pre>
 */
public final class ComponentLogger {

    /** Key every event carries; encoders print it right after {@code msg}. */
    public static final String COMPONENT_KEY = "component";

    private final String name;
    private final String component;
    /** Resolved on first use: a class holding a logger does not start Logback until it logs (CLI start-up). */
    private volatile Logger logger;

    private ComponentLogger(String name, String component) {
        this.name = name;
        this.component = component;
    }

    /** A logger named {@code engram.<component>} whose events all carry {@code component=<component>}. */
    public static ComponentLogger of(String component) {
        return new ComponentLogger("engram." + component, component);
    }

    private Logger logger() {
        Logger l = logger;
        if (l == null) {
            l = LoggerFactory.getLogger(name);
            logger = l;
        }
        return l;
    }

    public String component() {
        return component;
    }

    public LoggingEventBuilder atError() {
        return logger().atError().addKeyValue(COMPONENT_KEY, component);
    }

    public LoggingEventBuilder atWarn() {
        return logger().atWarn().addKeyValue(COMPONENT_KEY, component);
    }

    public LoggingEventBuilder atInfo() {
        return logger().atInfo().addKeyValue(COMPONENT_KEY, component);
    }

    public LoggingEventBuilder atDebug() {
        return logger().atDebug().addKeyValue(COMPONENT_KEY, component);
    }

    public boolean isDebugEnabled() {
        return logger().isDebugEnabled();
    }
}
