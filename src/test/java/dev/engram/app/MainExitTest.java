package dev.engram.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * {@link Main} returns from {@code main} instead of calling {@code System.exit(0)} only when no other thread would
 * keep the JVM alive: a command that left one running must still end.
 */
class MainExitTest {
    @Test
    void aLiveNonDaemonThreadMakesMainExitExplicitly() throws Exception {
        boolean before = Main.onlyDaemonsLeft();
        CountDownLatch release = new CountDownLatch(1);
        Thread worker = Thread.ofPlatform().daemon(false).start(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            assertThat(Main.onlyDaemonsLeft()).isFalse();
        } finally {
            release.countDown();
            worker.join();
        }
        assertThat(Main.onlyDaemonsLeft()).isEqualTo(before);

        Thread daemon = Thread.ofPlatform().daemon(true).start(() -> {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            assertThat(Main.onlyDaemonsLeft()).as("a daemon thread does not count").isEqualTo(before);
        } finally {
            daemon.interrupt();
            daemon.join();
        }
    }
}
