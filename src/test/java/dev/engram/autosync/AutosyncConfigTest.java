package dev.engram.autosync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.base.InvalidInputException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AutosyncConfigTest {

    @Test
    void defaultsAreTheContractOnes() {
        AutosyncConfig c = AutosyncConfig.fromEnv(Map.of(), "https://cloud.example");

        assertThat(c).isEqualTo(AutosyncConfig.defaults("https://cloud.example"));
        assertThat(c.pollInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.debounce()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.sync().leaseTtl()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.sync().pushBatch()).isEqualTo(100);
        assertThat(c.sync().pullBatch()).isEqualTo(100);
        assertThat(c.backoff()).isEqualTo(new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5)));
        assertThat(c.maxFailures()).isEqualTo(10);
    }

    @Test
    void readsEveryVariable() {
        AutosyncConfig c = AutosyncConfig.fromEnv(Map.of(
                "ENGRAM_AUTOSYNC_POLL_INTERVAL", "5m",
                "ENGRAM_AUTOSYNC_DEBOUNCE", "250ms",
                "ENGRAM_AUTOSYNC_LEASE_TTL", "2m",
                "ENGRAM_AUTOSYNC_PUSH_BATCH", "50",
                "ENGRAM_AUTOSYNC_PULL_BATCH", " 200 ",
                "ENGRAM_AUTOSYNC_BASE_BACKOFF", "2s",
                "ENGRAM_AUTOSYNC_MAX_BACKOFF", "1h",
                "ENGRAM_AUTOSYNC_MAX_FAILURES", "3"), null);

        assertThat(c.pollInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.debounce()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.sync().leaseTtl()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.sync().pushBatch()).isEqualTo(50);
        assertThat(c.sync().pullBatch()).isEqualTo(200);
        assertThat(c.backoff()).isEqualTo(new Backoff(Duration.ofSeconds(2), Duration.ofHours(1)));
        assertThat(c.maxFailures()).isEqualTo(3);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ENGRAM_AUTOSYNC_POLL_INTERVAL | 30       | must be a duration",
            "ENGRAM_AUTOSYNC_POLL_INTERVAL | 10ms     | must be at least 100ms, was 10ms",
            "ENGRAM_AUTOSYNC_DEBOUNCE      | fast     | must be a duration",
            "ENGRAM_AUTOSYNC_DEBOUNCE      | 1h       | must be between 0ms and the poll interval",
            "ENGRAM_AUTOSYNC_LEASE_TTL     | 0s       | must be at least 1s",
            "ENGRAM_AUTOSYNC_PUSH_BATCH    | 0        | must be between 1 and 1000, was 0",
            "ENGRAM_AUTOSYNC_PULL_BATCH    | 5000     | must be between 1 and 1000, was 5000",
            "ENGRAM_AUTOSYNC_PUSH_BATCH    | many     | must be a whole number",
            "ENGRAM_AUTOSYNC_BASE_BACKOFF  | 0ms      | must be at least 1ms",
            "ENGRAM_AUTOSYNC_MAX_BACKOFF   | 10ms     | must be at least ENGRAM_AUTOSYNC_BASE_BACKOFF",
            "ENGRAM_AUTOSYNC_MAX_FAILURES  | 0        | must be at least 1, was 0",
    })
    void badValuesAreRefusedNamingTheVariable(String name, String value, String problem) {
        assertThatThrownBy(() -> AutosyncConfig.fromEnv(Map.of(name, value), null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(name))
                .hasMessageContaining(name).hasMessageContaining(problem);
    }
}
