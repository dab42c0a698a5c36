package dev.engram.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LogbackServiceProvider;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.spi.LocationAwareLogger;
import org.slf4j.spi.LoggingEventAware;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J provider of the {@code engram} executable: Logback, started only when something logs at a level
 * that may be shown. A one-shot command that logs nothing (a healthy {@code search}, an agent's hook) never
 * starts it. Logback's start took about 13 ms of CPU in every such command, with a scan of the whole class path
 * for its configurators, on a machine of two cores where the command itself takes 60.
 *
 * <p>Until Logback starts, a logger answers from what {@link LogSetup} will install when it does (its default:
 * WARN and above, lower only for the components given a lower level): an event that may pass starts Logback,
 * and Logback decides. Any other configuration ({@code --log-level}, {@code --log-format}, {@code --log-config},
 * servers at INFO) starts Logback at once, and from then on every logger is Logback's own. Logback is found
 * through the {@code slf4j.provider} property ({@link #install()}), which also spares SLF4J its scan of the
 * class path; without the property (tests, embedders) SLF4J finds Logback as usual.
 */
public final class LazyLogbackProvider implements SLF4JServiceProvider {
    private static final String PROVIDER_PROPERTY = "slf4j.provider";
    private static final String VERBOSITY_PROPERTY = "slf4j.internal.verbosity";
    private static final Object START = new Object();
    /** True on the thread that is starting Logback, while it does: what it logs meanwhile is dropped, not recursed into. */
    private static final ThreadLocal<Boolean> STARTING = ThreadLocal.withInitial(() -> false);
    private static volatile LogbackServiceProvider logback;

    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
    private final ILoggerFactory factory = name -> loggers.computeIfAbsent(name, Deferred::new);
    private final MDCAdapter mdc = new ForwardingMdc();

    /**
     * Makes this the provider of this process unless {@code -Dslf4j.provider} names another; call it before anything
     * uses SLF4J. SLF4J then says which provider the property chose, at INFO on stderr: only its warnings are kept.
     */
    public static void install() {
        if (System.getProperty(PROVIDER_PROPERTY) == null) {
            System.setProperty(PROVIDER_PROPERTY, LazyLogbackProvider.class.getName());
            if (System.getProperty(VERBOSITY_PROPERTY) == null) {
                System.setProperty(VERBOSITY_PROPERTY, "WARN");
            }
        }
    }

    /** Logback's context, started (with {@link DefaultConfigurator}) on the first call. */
    static LoggerContext context() {
        LogbackServiceProvider p = logback;
        if (p == null) {
            synchronized (START) {
                p = logback;
                if (p == null) {
                    p = new LogbackServiceProvider();
                    STARTING.set(true);
                    try {
                        p.initialize();
                    } finally {
                        STARTING.remove();
                    }
                    logback = p;
                }
            }
        }
        return (LoggerContext) p.getLoggerFactory();
    }

    /** Whether this provider has started Logback in this process. */
    static boolean started() {
        return logback != null;
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return LogbackServiceProvider.REQUESTED_API_VERSION;
    }

    @Override
    public void initialize() {
        // nothing: Logback starts when something first needs it
    }

    /** A logger that is Logback's once Logback has started, and before that drops what Logback would drop. */
    private static final class Deferred extends LegacyAbstractLogger implements LoggingEventAware {
        private static final long serialVersionUID = 1L;
        private transient volatile ch.qos.logback.classic.Logger target;

        Deferred(String name) {
            this.name = name;
        }

        private ch.qos.logback.classic.Logger target() {
            ch.qos.logback.classic.Logger t = target;
            if (t == null) {
                t = context().getLogger(name);
                target = t;
            }
            return t;
        }

        private boolean enabled(Level level) {
            if (target == null && !started() && (!LogSetup.mayLog(name, level) || STARTING.get())) {
                return false;
            }
            return target().isEnabledForLevel(level);
        }

        @Override
        public boolean isTraceEnabled() {
            return enabled(Level.TRACE);
        }

        @Override
        public boolean isDebugEnabled() {
            return enabled(Level.DEBUG);
        }

        @Override
        public boolean isInfoEnabled() {
            return enabled(Level.INFO);
        }

        @Override
        public boolean isWarnEnabled() {
            return enabled(Level.WARN);
        }

        @Override
        public boolean isErrorEnabled() {
            return enabled(Level.ERROR);
        }

        /** Logback's caller data starts after the SLF4J frames the caller went through. */
        @Override
        protected String getFullyQualifiedCallerName() {
            return AbstractLogger.class.getName();
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String message, Object[] arguments, Throwable throwable) {
            ((LocationAwareLogger) target()).log(marker, getFullyQualifiedCallerName(), level.toInt(), message, arguments, throwable);
        }

        /** The fluent API's events ({@code atInfo().addKeyValue(...).log()}), key-value pairs included. */
        @Override
        public void log(LoggingEvent event) {
            target().log(event);
        }
    }

    /** SLF4J's MDC, which is Logback's own: the first use starts Logback (Engram itself uses none). */
    private static final class ForwardingMdc implements MDCAdapter {
        private static MDCAdapter logbacks() {
            context();
            return logback.getMDCAdapter();
        }

        @Override
        public void put(String key, String val) {
            logbacks().put(key, val);
        }

        @Override
        public String get(String key) {
            return logbacks().get(key);
        }

        @Override
        public void remove(String key) {
            logbacks().remove(key);
        }

        @Override
        public void clear() {
            logbacks().clear();
        }

        @Override
        public Map<String, String> getCopyOfContextMap() {
            return logbacks().getCopyOfContextMap();
        }

        @Override
        public void setContextMap(Map<String, String> contextMap) {
            logbacks().setContextMap(contextMap);
        }

        @Override
        public void pushByKey(String key, String value) {
            logbacks().pushByKey(key, value);
        }

        @Override
        public String popByKey(String key) {
            return logbacks().popByKey(key);
        }

        @Override
        public Deque<String> getCopyOfDequeByKey(String key) {
            return logbacks().getCopyOfDequeByKey(key);
        }

        @Override
        public void clearDequeByKey(String key) {
            logbacks().clearDequeByKey(key);
        }
    }
}
