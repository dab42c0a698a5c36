package dev.engram.base;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoopbackNamesTest {
    @Test
    void acceptsLocalhostTheWhole127NetworkAndIpv6Loopback() {
        for (String host : new String[] {"localhost", "LocalHost", "127.0.0.1", "127.1.2.3", "127.255.255.255", "127.0.0.0",
                "::1", "[::1]", "0:0:0:0:0:0:0:1", "[0:0:0:0:0:0:0:1]", "0::1"}) {
            assertThat(LoopbackNames.isLoopbackHost(host)).as(host).isTrue();
        }
    }

    @Test
    void refusesDnsNamesThatLookLikeLoopbackAndEverythingElse() {
        for (String host : new String[] {"127.evil.example", "127.0.0.1.nip.io", "127.0.0.1.evil.example", "localhost.",
                "localhost.evil.example", "evil-localhost", "127.0.0.256", "127.0.0", "127.1", "127.0.0.01", "0177.0.0.1",
                "2130706433", "128.0.0.1", "0.0.0.0", "::", "[::]", "::2", "1::1", "::ffff:127.0.0.1", "[::1", "", " 127.0.0.1",
                "127.0.0.1 "}) {
            assertThat(LoopbackNames.isLoopbackHost(host)).as(host).isFalse();
        }
        assertThat(LoopbackNames.isLoopbackHost(null)).isFalse();
    }
}
