package dev.engram.autosync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.memory.SqliteMemoryStore;
import dev.engram.metrics.AutosyncMetrics;
import dev.engram.metrics.LocalMetrics;
import dev.engram.testing.MutableClock;
import dev.engram.transport.Failure;
import dev.engram.transport.ReasonCode;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

/**
 * {@code docs/sync.md} against the code: its event table against the catalogue ({@link LogEvent}), its
 * status table against {@link SyncStatus#toWire()}, its metrics table against the meters a local
 * process registers. Any disagreement fails here, so the docs cannot drift.
 */
class DocsMatchTheCodeTest {
    static final Path DOC = Path.of("docs", "sync.md");
    static final Pattern CODE = Pattern.compile("`([^`]+)`");
    static final Pattern LEVEL = Pattern.compile("\\b(ERROR|WARN|INFO|DEBUG|TRACE)\\b");

    @TempDir
    Path dir;

    @Test
    void theEventTableListsEveryCatalogueEventWithItsLevelsAndFields() throws IOException {
        List<List<String>> rows = table("## Log events", "msg");
        List<String> documented = new ArrayList<>();
        for (List<String> row : rows) {
            String msg = codes(row.get(0)).getFirst();
            documented.add(msg);
            LogEvent event = LogEvent.byMsg(msg);
            assertThat(event).as("docs/sync.md documents '%s', which the code does not log", msg).isNotNull();
            assertThat(levels(row.get(1))).as("levels of '%s'", msg).containsExactlyElementsOf(event.levels());
            assertThat(codes(row.get(2))).as("required fields of '%s'", msg).containsExactlyElementsOf(event.required());
            List<String> more = new ArrayList<>(event.more());
            if (event.carriesStack()) {
                more.add(LogEvent.STACK_FIELD);
            }
            assertThat(codes(row.get(3))).as("more fields of '%s'", msg).containsExactlyElementsOf(more);
        }
        assertThat(documented).as("every catalogue event has one row, in catalogue order")
                .containsExactlyElementsOf(Stream.of(LogEvent.values()).map(LogEvent::msg).toList());
    }

    @Test
    void theStatusTableListsEveryFieldOfTheRecordInWireOrder() throws IOException {
        List<String> documented = table("## The status record", "field").stream().flatMap(r -> codes(r.get(0)).stream()).toList();

        try (SqliteMemoryStore store = SqliteMemoryStore.openFile(dir.resolve("engram.db"), MutableClock.at("2026-11-27T06:00:00Z"),
                new SplittableRandom(1))) {
            Set<String> wire = new SyncStatusReader(store).read().toWire().keySet();
            assertThat(documented).containsExactlyElementsOf(wire);
        }
    }

    @Test
    void theMetricsTableListsEveryMeterAServeWithAutosyncRegisters() throws IOException {
        Set<String> documented = new LinkedHashSet<>();
        for (List<String> row : table("## Metrics", "metric")) {
            documented.add(codes(row.get(0)).getFirst());
        }
        Set<String> registered;
        try (SqliteMemoryStore store = SqliteMemoryStore.openFile(dir.resolve("engram.db"), MutableClock.at("2026-11-27T06:00:00Z"),
                new SplittableRandom(1))) {
            PrometheusMeterRegistry registry = LocalMetrics.create(store);
            MutableClock clock = MutableClock.at("2026-11-27T06:00:00Z");
            AutosyncMetrics metrics = new AutosyncMetrics(registry, () -> new SyncStatusReader(store, clock).read(), clock);
            metrics.on(new AutosyncEvent.FailureRecorded("c", new Failure(ReasonCode.SERVER_ERROR, Failure.Disposition.RETRY,
                    Failure.Scope.REQUEST, "x"), 1, null)); // the failures counter appears with its first failure
            metrics.on(new AutosyncEvent.CycleComplete("c", Duration.ofMillis(5), false));
            registered = families(registry.scrape());
        }
        assertThat(documented).containsExactlyInAnyOrderElementsOf(registered);
    }

    /** The Prometheus families of a scrape ({@code # TYPE name type}), counters and histograms under their sample names. */
    static Set<String> families(String scrape) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = Pattern.compile("(?m)^# TYPE (\\S+) (\\S+)$").matcher(scrape);
        while (m.find()) {
            names.add(m.group(2).equals("counter") && !m.group(1).endsWith("_total") ? m.group(1) + "_total" : m.group(1));
        }
        return names;
    }

    /** The rows (cells, outer pipes dropped) of the first table after {@code heading} whose header starts with {@code firstColumn}. */
    static List<List<String>> table(String heading, String firstColumn) throws IOException {
        List<String> lines = Files.readAllLines(DOC);
        int i = lines.indexOf(heading);
        assertThat(i).as("docs/sync.md has a section '%s'", heading).isNotNegative();
        while (!lines.get(i).startsWith("| " + firstColumn + " |")) {
            i++;
        }
        List<List<String>> rows = new ArrayList<>();
        for (i += 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String line = lines.get(i).strip();
            List<String> cells = new ArrayList<>();
            for (String cell : line.substring(1, line.length() - 1).split("\\|", -1)) {
                cells.add(cell.strip());
            }
            rows.add(cells);
        }
        return rows;
    }

    static List<String> codes(String cell) {
        List<String> out = new ArrayList<>();
        Matcher m = CODE.matcher(cell);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    static List<Level> levels(String cell) {
        List<Level> out = new ArrayList<>();
        Matcher m = LEVEL.matcher(cell);
        while (m.find()) {
            out.add(Level.valueOf(m.group(1)));
        }
        return out;
    }
}
