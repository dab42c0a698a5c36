package dev.engram.autosync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.base.InvalidInputException;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
    final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));

    @Test
    void staysWithinTwentyFivePercentOfTheExponentialAndNeverAboveTheCap() {
        SplittableRandom random = new SplittableRandom(42);
        for (int failures = 1; failures <= 40; failures++) {
            double exponential = Math.min(1000 * Math.pow(2, failures - 1), 300_000);
            for (int i = 0; i < 200; i++) {
                long ms = backoff.delay(failures, random).toMillis();
                assertThat(ms).isBetween((long) Math.floor(exponential * 0.75), Math.min(300_000, (long) Math.ceil(exponential * 1.25)));
            }
        }
    }

    @Test
    void doublesWithEachFailureUntilTheCap() {
        SplittableRandom random = new SplittableRandom(7);
        long previousMax = 0;
        for (int failures = 1; failures <= 9; failures++) {
            long max = 0;
            long min = Long.MAX_VALUE;
            for (int i = 0; i < 500; i++) {
                long ms = backoff.delay(failures, random).toMillis();
                max = Math.max(max, ms);
                min = Math.min(min, ms);
            }
            assertThat(min).as("failure %d", failures).isGreaterThan(previousMax / 2);
            assertThat(max).isGreaterThan(previousMax);
            previousMax = max;
        }
        assertThat(backoff.delay(30, random)).isLessThanOrEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.delay(1_000_000, random)).isGreaterThanOrEqualTo(Duration.ofSeconds(225));
    }

    @Test
    void sameSeedSameDelays() {
        assertThat(backoff.delay(3, new SplittableRandom(1))).isEqualTo(backoff.delay(3, new SplittableRandom(1)));
    }

    @Test
    void jitterSpreadsReplicasThatFailedTogether() {
        SplittableRandom random = new SplittableRandom(3);
        long distinct = java.util.stream.IntStream.range(0, 50).mapToObj(i -> backoff.delay(4, random)).distinct().count();
        assertThat(distinct).isGreaterThan(40);
    }

    @Test
    void maxBelowBaseIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(1)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("ENGRAM_AUTOSYNC_MAX_BACKOFF");
    }
}
