package dev.engram.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.base.InvalidInputException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudServerConfigTest {
    private final CloudServerConfig defaults = CloudServerConfig.defaults();

    @Test
    void defaultsMatchTheContract() {
        assertThat(defaults.host()).isEqualTo("127.0.0.1");
        assertThat(defaults.port()).isEqualTo(8080);
        assertThat(defaults.maxPushBytes()).isEqualTo(8 * 1024 * 1024);
        assertThat(defaults.maxPushEntries()).isEqualTo(100);
        assertThat(defaults.maxPullBytes()).isEqualTo(4 * 1024 * 1024);
        assertThat(defaults.staticToken()).isEmpty();
        assertThat(defaults.database().display()).contains("engram-cloud.db");
    }

    @Test
    void environmentSetsLimitsAndTheStaticToken() {
        CloudServerConfig c = defaults.withEnvironment(Map.of(
                "ENGRAM_CLOUD_MAX_PUSH_BYTES", "2MiB",
                "ENGRAM_CLOUD_MAX_PUSH_ENTRIES", "500",
                "ENGRAM_CLOUD_MAX_PULL_BYTES", "512KiB",
                "ENGRAM_CLOUD_TOKEN", "a-long-enough-static-token",
                "ENGRAM_CLOUD_ALLOWED_PROJECTS", "alpha, Beta ,"));
        assertThat(c.maxPushBytes()).isEqualTo(2 * 1024 * 1024);
        assertThat(c.maxPushEntries()).isEqualTo(500);
        assertThat(c.maxPullBytes()).isEqualTo(512 * 1024);
        assertThat(c.staticToken()).hasValueSatisfying(t -> assertThat(t.projects()).containsExactly("alpha", "Beta"));
        assertThat(c.toString()).doesNotContain("a-long-enough-static-token");
    }

    @Test
    void badValuesNameTheirVariable() {
        assertThatThrownBy(() -> defaults.withEnvironment(Map.of("ENGRAM_CLOUD_MAX_PUSH_BYTES", "lots")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("ENGRAM_CLOUD_MAX_PUSH_BYTES");
        assertThatThrownBy(() -> defaults.withEnvironment(Map.of("ENGRAM_CLOUD_MAX_PUSH_BYTES", "10")))
                .hasMessageContaining("ENGRAM_CLOUD_MAX_PUSH_BYTES");
        assertThatThrownBy(() -> defaults.withEnvironment(Map.of("ENGRAM_CLOUD_MAX_PULL_BYTES", "1023")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("ENGRAM_CLOUD_MAX_PULL_BYTES").hasMessageContaining("1KiB");
        assertThatThrownBy(() -> defaults.withEnvironment(Map.of("ENGRAM_CLOUD_MAX_PULL_BYTES", "4GiB")))
                .hasMessageContaining("ENGRAM_CLOUD_MAX_PULL_BYTES");
        assertThatThrownBy(() -> defaults.withEnvironment(Map.of("ENGRAM_CLOUD_MAX_PULL_BYTES", "2048MiB")))
                .hasMessageContaining("ENGRAM_CLOUD_MAX_PULL_BYTES");
        assertThatThrownBy(() -> defaults.withEnvironment(Map.of("ENGRAM_CLOUD_MAX_PUSH_ENTRIES", "0")))
                .hasMessageContaining("ENGRAM_CLOUD_MAX_PUSH_ENTRIES");
        assertThatThrownBy(() -> defaults.withEnvironment(Map.of("ENGRAM_CLOUD_TOKEN", "a-long-enough-static-token")))
                .hasMessageContaining("ENGRAM_CLOUD_ALLOWED_PROJECTS");
        assertThatThrownBy(() -> defaults.withEnvironment(Map.of("ENGRAM_CLOUD_TOKEN", "short", "ENGRAM_CLOUD_ALLOWED_PROJECTS", "a")))
                .hasMessageContaining("ENGRAM_CLOUD_TOKEN");
        assertThatThrownBy(() -> defaults.withEnvironment(Map.of("ENGRAM_CLOUD_ALLOWED_PROJECTS", "a")))
                .hasMessageContaining("ENGRAM_CLOUD_TOKEN");
        assertThatThrownBy(() -> defaults.withPort(70000)).hasMessageContaining("--port");
    }

    @Test
    void aStaticTokenNeverPrintsItself() {
        assertThat(new StaticToken("a-long-enough-static-token", List.of("a")).toString()).doesNotContain("static-token");
    }
}
