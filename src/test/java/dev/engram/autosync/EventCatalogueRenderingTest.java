package dev.engram.autosync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.engram.logging.LogFormat;
import dev.engram.sync.SyncEvent;
import dev.engram.sync.SyncStage;
import dev.engram.transport.Failure;
import dev.engram.transport.ReasonCode;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every event the manager and the engine can report, rendered in json, logfmt and text by the
 * product's own encoders. The events are not listed here: they are enumerated from the sealed types
 * ({@link AutosyncEvent}, {@link SyncEvent}) and built by reflection, so a new event is rendered here
 * the day it is added, and fails until it has a line in {@link LogLines} and a row in {@link LogEvent}.
 */
class EventCatalogueRenderingTest {
    /** Events that feed metrics and the status phase, and write no line. */
    static final Set<Class<?>> SILENT = Set.of(AutosyncEvent.CycleStarted.class, SyncEvent.StageStarted.class);
    /** Values hostile to a line format: a field holding them must stay inside its field and on its line. */
    static final String HOSTILE = "v \"q\" \\ level=ERROR\nmsg=\"forged\"";
    static final Duration DURATION = Duration.ofNanos(1_234_567_890);
    static final Instant INSTANT = Instant.parse("2026-11-27T06:00:01.234567Z");
    static final Pattern RFC3339_UTC = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    static final Set<String> DURATIONS = Set.of("elapsed", "poll_interval", "debounce");
    static final Set<String> TIMES = Set.of("backoff_until", "last_sync_at", "lease_until");

    /** One instance of every permitted event type (both values of a boolean component), engine events wrapped in a cycle. */
    static List<AutosyncEvent> everyEvent() {
        List<AutosyncEvent> all = new ArrayList<>();
        for (Class<?> type : AutosyncEvent.class.getPermittedSubclasses()) {
            if (type == AutosyncEvent.InCycle.class) {
                for (Class<?> inner : SyncEvent.class.getPermittedSubclasses()) {
                    for (Object e : instances(inner)) {
                        all.add(new AutosyncEvent.InCycle("c-0badcafe", (SyncEvent) e));
                    }
                }
            } else {
                instances(type).forEach(e -> all.add((AutosyncEvent) e));
            }
        }
        return all;
    }

    static Stream<Arguments> everyEventInEveryFormat() {
        return everyEvent().stream().filter(e -> LogLines.of(e) != null)
                .flatMap(e -> Stream.of(LogFormat.values()).map(f -> Arguments.of(name(e), e, f)));
    }

    static String name(AutosyncEvent e) {
        return e instanceof AutosyncEvent.InCycle in ? in.event().getClass().getSimpleName() : e.getClass().getSimpleName();
    }

    @Test
    void everyEventTypeIsRenderedOrDeclaredSilentAndEveryCatalogueEntryIsUsed() {
        Set<LogEvent> used = EnumSet.noneOf(LogEvent.class);
        for (AutosyncEvent e : everyEvent()) {
            LogEvent.LogLine line = LogLines.of(e);
            Class<?> type = e instanceof AutosyncEvent.InCycle in ? in.event().getClass() : e.getClass();
            if (line == null) {
                assertThat(SILENT).as("%s writes no line; declare it silent or give it one in LogLines", type).contains(type);
            } else {
                assertThat(SILENT).as("%s is declared silent but writes %s", type, line.event()).doesNotContain(type);
                used.add(line.event());
            }
        }
        assertThat(used).as("catalogue entries that no event writes").containsExactlyInAnyOrder(LogEvent.values());
    }

    @Test
    void maxFailuresSkipsWarnOncePerWindowAndRepeatAtDebug() {
        assertThat(LogLines.of(new AutosyncEvent.CycleSkippedMaxFailures(10, 10, INSTANT, true)).level().name()).isEqualTo("WARN");
        assertThat(LogLines.of(new AutosyncEvent.CycleSkippedMaxFailures(10, 10, INSTANT, false)).level().name()).isEqualTo("DEBUG");
    }

    @ParameterizedTest(name = "{0} as {2}")
    @MethodSource("everyEventInEveryFormat")
    void everyEventRendersAsOneLineWithItsCatalogueLevelMessageAndFields(String name, AutosyncEvent event, LogFormat format) {
        LogEvent.LogLine expected = LogLines.of(event);
        LogEvent entry = expected.event();
        assertThat(entry.levels()).contains(expected.level());
        String output;
        try (LogCapture capture = new LogCapture("engram.autosync", format)) {
            new LoggingAutosyncListener().on(event);
            output = capture.drain();
        }
        assertThat(output).as("one line").endsWith("\n").hasLineCount(1);
        Map<String, String> fields = parse(format, output.stripTrailing(), entry.msg());

        assertThat(fields.get("level")).isEqualTo(expected.level().name());
        assertThat(fields.get("msg")).isEqualTo(entry.msg());
        assertThat(fields.get("component")).isEqualTo("autosync");
        assertThat(fields.get("time")).matches(RFC3339_UTC);
        assertThat(new ArrayList<>(fields.keySet()).subList(4, fields.size())).as("fields of %s, in catalogue order", entry.msg())
                .containsExactlyElementsOf(entry.fields());
        assertThat(fields.keySet()).containsAll(entry.required());
        for (Map.Entry<String, String> f : fields.entrySet()) {
            if (DURATIONS.contains(f.getKey())) {
                assertThat(f.getValue()).as("%s in integer milliseconds", f.getKey()).isEqualTo(Long.toString(DURATION.toMillis()));
            }
            if (TIMES.contains(f.getKey())) {
                assertThat(f.getValue()).as("%s in RFC 3339 UTC", f.getKey()).isEqualTo("2026-11-27T06:00:01.234Z");
            }
            if (f.getKey().equals("error")) {
                assertThat(f.getValue()).as("error is one line").doesNotContain("\n").doesNotContain("\tat ");
            }
        }
        if (entry.carriesStack()) {
            assertThat(fields.get(LogEvent.STACK_FIELD)).contains("IllegalStateException: fake bug").contains("\tat ");
        }
        if (fields.containsKey("cycle_id") && event instanceof AutosyncEvent.InCycle) {
            assertThat(fields.get("cycle_id")).isEqualTo("c-0badcafe");
        }
    }

    /** The line as an ordered map: time, level, msg, component, then the event's fields. */
    static Map<String, String> parse(LogFormat format, String line, String msg) {
        return switch (format) {
            case JSON -> {
                JsonNode node = JsonMapper.builder().build().readTree(line);
                Map<String, String> m = new LinkedHashMap<>();
                for (String key : node.propertyNames()) {
                    JsonNode v = node.get(key);
                    if (DURATIONS.contains(key)) {
                        assertThat(v.isIntegralNumber()).as("%s is a JSON integer", key).isTrue();
                    }
                    m.put(key, v.isNull() ? null : v.isString() ? v.asString() : v.toString());
                }
                yield m;
            }
            case LOGFMT -> LogCapture.logfmt(line);
            case TEXT -> {
                Matcher head = Pattern.compile("^(\\S+) (\\w+) +autosync: ").matcher(line);
                assertThat(head.lookingAt()).as(line).isTrue();
                String rest = line.substring(head.end());
                assertThat(rest).startsWith(msg);
                Map<String, String> m = new LinkedHashMap<>();
                m.put("time", head.group(1));
                m.put("level", head.group(2));
                m.put("msg", msg);
                m.put("component", "autosync");
                m.putAll(LogCapture.logfmt(rest.substring(msg.length())));
                yield m;
            }
        };
    }

    // ---- instances by reflection --------------------------------------------------------------

    static List<Object> instances(Class<?> type) {
        if (!type.isRecord()) {
            fail(type + " is not a record: build its sample by hand");
        }
        RecordComponent[] components = type.getRecordComponents();
        boolean hasBoolean = Stream.of(components).anyMatch(c -> c.getType() == boolean.class);
        List<Object> out = new ArrayList<>();
        for (boolean flag : hasBoolean ? List.of(true, false) : List.of(true)) {
            Object[] args = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                args[i] = sample(types[i], flag, type);
            }
            try {
                Constructor<?> canonical = type.getDeclaredConstructor(types);
                out.add(canonical.newInstance(args));
            } catch (ReflectiveOperationException e) {
                throw new AssertionError("cannot build " + type, e);
            }
        }
        return out;
    }

    static Object sample(Class<?> t, boolean flag, Class<?> owner) {
        if (t == String.class) {
            return HOSTILE;
        }
        if (t == int.class || t == Integer.class) {
            return 7;
        }
        if (t == long.class || t == Long.class) {
            return 42L;
        }
        if (t == boolean.class) {
            return flag;
        }
        if (t == Duration.class) {
            return DURATION;
        }
        if (t == Instant.class) {
            return INSTANT;
        }
        if (t == Failure.class) {
            return new Failure(ReasonCode.SERVER_ERROR, Failure.Disposition.RETRY, Failure.Scope.REQUEST,
                    "GET /sync/mutations/pull: 503 unavailable");
        }
        if (t == Throwable.class) {
            return new IllegalStateException("fake bug");
        }
        if (t == SyncStage.class) {
            return SyncStage.PUSH;
        }
        if (t == java.util.List.class) {
            return java.util.List.of(HOSTILE, "team"); // the only list component is a list of project names
        }
        throw new AssertionError("no sample value of type " + t.getName() + " (in " + owner.getSimpleName()
                + "): add one to EventCatalogueRenderingTest.sample");
    }
}
