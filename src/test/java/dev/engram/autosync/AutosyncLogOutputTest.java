package dev.engram.autosync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.logging.LogFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The log lines of the scripted run, as the project's own encoders write them. */
class AutosyncLogOutputTest {
    @TempDir
    Path dir;

    final List<Runnable> cleanup = new ArrayList<>();

    @AfterEach
    void restore() {
        cleanup.forEach(Runnable::run);
    }

    final RecordingAutosyncListener recorded = new RecordingAutosyncListener();

    /** The scripted run's whole output through the product's encoder for {@code format}. */
    String capture(LogFormat format) {
        try (LogCapture capture = new LogCapture("engram.autosync", format)) {
            ScriptedRun run = new ScriptedRun(dir, AutosyncListener.all(new LoggingAutosyncListener(), recorded));
            cleanup.add(run.store::close);
            run.play();
            return capture.drain();
        }
    }

    @Test
    void jsonLinesCarryTheContractMessagesLevelsAndFields() {
        String output = capture(LogFormat.JSON);
        JsonMapper json = JsonMapper.builder().build();
        List<JsonNode> lines = output.lines().map(json::readTree).toList();

        assertThat(lines).extracting(l -> l.get("level").asString() + " " + l.get("msg").asString()).containsExactly(
                "INFO manager started",
                "DEBUG pushing mutations", "DEBUG project batch pushed", "DEBUG pull complete", "INFO sync healthy", "DEBUG cycle complete",
                "DEBUG push skipped: nothing pending", "WARN pull failed", "WARN failure recorded", "DEBUG cycle complete",
                "DEBUG push skipped: nothing pending", "WARN pull failed", "WARN failure recorded", "DEBUG cycle complete",
                "WARN cycle skipped: max failures",
                "DEBUG cycle skipped: max failures",
                "DEBUG push skipped: nothing pending", "ERROR cycle crashed", "WARN failure recorded",
                "WARN cycle skipped: max failures",
                "DEBUG push skipped: nothing pending", "DEBUG pull skipped: already up to date", "INFO sync healthy", "DEBUG cycle complete",
                "INFO manager stopped");
        for (JsonNode line : lines) {
            String msg = line.get("msg").asString();
            assertThat(line.get("component").asString()).isEqualTo("autosync");
            assertThat(line.get("time").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(LogEvent.byMsg(msg)).as(msg + " is in the catalogue").isNotNull();
            assertThat(fieldNames(line)).as(msg).containsAll(LogEvent.byMsg(msg).required());
            if (!msg.equals("cycle crashed")) {
                assertThat(line.has("exception")).as(msg).isFalse();
            }
            for (String duration : List.of("elapsed", "poll_interval")) {
                if (line.has(duration)) {
                    assertThat(line.get(duration).isIntegralNumber()).as(duration).isTrue();
                }
            }
            if (line.has("error")) {
                assertThat(line.get("error").asString()).doesNotContain("\n").doesNotContain("\tat ");
            }
        }
        JsonNode started = lines.getFirst();
        assertThat(started.get("target_key").asString()).isEqualTo("cloud");
        assertThat(started.get("poll_interval").asLong()).isEqualTo(30_000);
        assertThat(started.get("push_batch").asInt()).isEqualTo(100);
        JsonNode failure = lines.get(8);
        assertThat(failure.get("reason_code").asString()).isEqualTo("server_error");
        assertThat(failure.get("consecutive_failures").isIntegralNumber()).isTrue();
        assertThat(failure.get("backoff_until").asString()).endsWith("Z");
        JsonNode crash = lines.get(17);
        assertThat(crash.get("exception").asString()).contains("IllegalStateException: fake bug in a transport").contains("\tat ");
        assertThat(crash.get("cycle_id").asString()).isEqualTo(lines.get(18).get("cycle_id").asString());
        assertThat(output).doesNotContain(ScriptedRun.SECRET_TITLE).doesNotContain(ScriptedRun.SECRET_CONTENT)
                .doesNotContainIgnoringCase("authorization").doesNotContainIgnoringCase("bearer");
    }

    @Test
    void logfmtLinesAreFlatAndTyped() {
        String output = capture(LogFormat.LOGFMT);

        assertThat(output.lines().findFirst().orElseThrow())
                .matches("time=\\S+ level=INFO msg=\"manager started\" component=autosync target_key=cloud poll_interval=30000 "
                        + "push_batch=100 pull_batch=100 .*");
        assertThat(output.lines().filter(l -> l.contains("msg=\"failure recorded\"")).findFirst().orElseThrow())
                .contains("reason_code=server_error").contains("consecutive_failures=1").containsPattern("cycle_id=c-[0-9a-f]{8}");
    }

    @Test
    void everyEventOfACycleCarriesTheSameCycleIdOnTheRenderedLines() {
        String output = capture(LogFormat.JSON);
        JsonMapper json = JsonMapper.builder().build();

        List<String> idsInOrder = new ArrayList<>();
        for (JsonNode line : output.lines().map(json::readTree).toList()) {
            LogEvent event = LogEvent.byMsg(line.get("msg").asString());
            boolean inCycle = event.required().contains("cycle_id");
            assertThat(line.has("cycle_id")).as("%s carries cycle_id only inside a cycle", event.msg()).isEqualTo(inCycle);
            if (inCycle) {
                String id = line.get("cycle_id").asString();
                assertThat(id).matches("c-[0-9a-f]{8}");
                if (idsInOrder.isEmpty() || !idsInOrder.getLast().equals(id)) {
                    assertThat(idsInOrder).as("cycle %s ended before this %s line", id, event.msg()).doesNotContain(id);
                    idsInOrder.add(id);
                }
            }
        }
        assertThat(idsInOrder).as("one run of lines per cycle, in the order the cycles started")
                .containsExactlyElementsOf(recorded.of(AutosyncEvent.CycleStarted.class).stream()
                        .map(AutosyncEvent.CycleStarted::cycleId).toList())
                .hasSize(5);
    }

    static Set<String> fieldNames(JsonNode node) {
        return Set.copyOf(node.propertyNames());
    }
}
