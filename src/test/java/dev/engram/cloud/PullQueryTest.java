package dev.engram.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PullQueryTest {
    @Test
    void absentParametersTakeTheirDefaults() {
        assertThat(PullQuery.parse(Map.<String, String>of()::get)).isEqualTo(new PullQuery(0, 100, 0));
    }

    @Test
    void everyBadParameterIsListed() {
        assertThatThrownBy(() -> PullQuery.parse(Map.of("since_seq", "-1", "limit", "x", "wait_ms", "30001")::get))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.body().details()).extracting(d -> d.field()).containsExactly("since_seq", "limit", "wait_ms");
                });
    }
}
