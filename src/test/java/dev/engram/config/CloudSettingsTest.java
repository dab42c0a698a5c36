package dev.engram.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.base.InvalidInputException;
import org.junit.jupiter.api.Test;

/** Plain http (which carries the token in clear) is allowed to loopback literals and localhost only. */
class CloudSettingsTest {
    @Test
    void loopbackMeansLiteralsAndLocalhostNeverDnsNamesStartingWith127() {
        assertThat(CloudSettings.isLoopback("127.0.0.1")).isTrue();
        assertThat(CloudSettings.isLoopback("127.1.2.3")).isTrue();
        assertThat(CloudSettings.isLoopback("localhost")).isTrue();
        assertThat(CloudSettings.isLoopback("[::1]")).isTrue();
        assertThat(CloudSettings.isLoopback("127.evil.example")).isFalse();
        assertThat(CloudSettings.isLoopback("127.0.0.1.nip.io")).isFalse();
        assertThat(CloudSettings.isLoopback("localhost.")).isFalse();
    }

    @Test
    void plainHttpToANameThatOnlyLooksLikeLoopbackIsRefused() {
        assertThatThrownBy(() -> CloudSettings.parseServer("--server", "http://127.evil.example:8080"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("127.evil.example");
        assertThatThrownBy(() -> CloudSettings.parseServer("--server", "http://127.0.0.1.nip.io"))
                .isInstanceOf(InvalidInputException.class);
        assertThat(CloudSettings.parseServer("--server", "http://127.0.0.1:8080").toString()).isEqualTo("http://127.0.0.1:8080");
        assertThat(CloudSettings.parseServer("--server", "http://[::1]:8080/").toString()).isEqualTo("http://[::1]:8080");
        assertThat(CloudSettings.parseServer("--server", "http://localhost:8080").getHost()).isEqualTo("localhost");
        assertThat(CloudSettings.parseServer("--server", "https://127.evil.example").getHost()).isEqualTo("127.evil.example");
    }
}
