package dev.engram.autosync;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import dev.engram.logging.EventEncoder;
import dev.engram.logging.JsonEventEncoder;
import dev.engram.logging.LogfmtEventEncoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The log lines of the scripted run, as the project's own encoders write them. */
class AutosyncLogOutputTest {
    static final Map<String, Set<String>> REQUIRED = Map.ofEntries(
            Map.entry("manager started", Set.of("target_key", "poll_interval", "push_batch", "pull_batch")),
            Map.entry("manager stopped", Set.of("target_key")),
            Map.entry("cycle skipped: backoff active", Set.of("backoff_until", "consecutive_failures")),
            Map.entry("cycle skipped: max failures", Set.of("consecutive_failures", "max")),
            Map.entry("push skipped: nothing pending", Set.of("cycle_id")),
            Map.entry("pushing mutations", Set.of("cycle_id", "count")),
            Map.entry("project batch pushed", Set.of("cycle_id", "project", "mutations")),
            Map.entry("pull skipped: already up to date", Set.of("cycle_id", "last_seq")),
            Map.entry("pull complete", Set.of("cycle_id", "mutations_applied", "last_seq")),
            Map.entry("pull failed", Set.of("cycle_id", "error", "elapsed", "reason_code")),
            Map.entry("failure recorded", Set.of("cycle_id", "error", "consecutive_failures", "backoff_until", "reason_code")),
            Map.entry("sync healthy", Set.of("cycle_id", "last_sync_at")),
            Map.entry("cycle complete", Set.of("cycle_id", "elapsed")),
            Map.entry("cycle crashed", Set.of("cycle_id", "error", "exception")));

    @TempDir
    Path dir;

    final List<Runnable> cleanup = new ArrayList<>();

    @AfterEach
    void restore() {
        cleanup.forEach(Runnable::run);
    }

    String capture(EventEncoder encoder) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger logger = context.getLogger("engram.autosync");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        encoder.setContext(context);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(out);
        appender.start();
        Level level = logger.getLevel();
        boolean additive = logger.isAdditive();
        logger.setLevel(Level.DEBUG);
        logger.setAdditive(false);
        logger.addAppender(appender);
        cleanup.add(() -> {
            logger.detachAppender(appender);
            logger.setLevel(level);
            logger.setAdditive(additive);
        });

        ScriptedRun run = new ScriptedRun(dir, new LoggingAutosyncListener());
        cleanup.add(run.store::close);
        run.play();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void jsonLinesCarryTheContractMessagesLevelsAndFields() {
        String output = capture(new JsonEventEncoder());
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
            assertThat(fieldNames(line)).as(msg).containsAll(REQUIRED.get(msg));
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
        String output = capture(new LogfmtEventEncoder());

        assertThat(output.lines().findFirst().orElseThrow())
                .matches("time=\\S+ level=INFO msg=\"manager started\" component=autosync target_key=cloud poll_interval=30000 "
                        + "push_batch=100 pull_batch=100 .*");
        assertThat(output.lines().filter(l -> l.contains("msg=\"failure recorded\"")).findFirst().orElseThrow())
                .contains("reason_code=server_error").contains("consecutive_failures=1").containsPattern("cycle_id=c-[0-9a-f]{8}");
    }

    static Set<String> fieldNames(JsonNode node) {
        return Set.copyOf(node.propertyNames());
    }
}
