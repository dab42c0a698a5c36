package dev.engram.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VersionTest {
    @Test
    void encodedVersionsSortLikeVersions() {
        Version a = new Version(1_000, 0, "r-a");
        Version b = new Version(1_000, 1, "r-a");
        Version c = new Version(1_000, 1, "r-b");
        Version d = new Version(10_000, 0, "r-a");
        assertThat(a.encode()).isLessThan(b.encode());
        assertThat(b.encode()).isLessThan(c.encode());
        assertThat(c.encode()).isLessThan(d.encode());
        assertThat(Version.decode(c.encode())).isEqualTo(c);
    }

    @Test
    void nextIsAlwaysLaterThanTheLastEvenWhenTheClockGoesBack() {
        Version last = new Version(5_000, 7, "r-x");
        assertThat(Version.next(last, 4_000, "r-y")).isEqualTo(new Version(5_000, 8, "r-y"));
        assertThat(Version.next(last, 6_000, "r-y")).isEqualTo(new Version(6_000, 0, "r-y"));
        assertThat(Version.next(new Version(5_000, 0xffff, "r-x"), 5_000, "r-y")).isEqualTo(new Version(5_001, 0, "r-y"));
        assertThat(Version.next(null, 42, "r-y")).isEqualTo(new Version(42, 0, "r-y"));
    }

    @Test
    void decodeRejectsMalformedText() {
        assertThatThrownBy(() -> Version.decode("nonsense")).isInstanceOf(IllegalArgumentException.class);
    }
}
