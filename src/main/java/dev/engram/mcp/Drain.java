package dev.engram.mcp;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets {@code engram mcp} finish what it was asked before it exits on end of input: a client may write
 * its last requests and close stdin at once ({@code printf ... | engram mcp}). The SDK gives no handle
 * on requests still in flight, so this tracks tool calls running and the last write to stdout, and
 * {@link #awaitQuiet} waits until no call runs and nothing was written for a quiet period.
 */
final class Drain {
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicLong lastActivityNanos = new AtomicLong(System.nanoTime());

    void callStarted() {
        running.incrementAndGet();
        touch();
    }

    void callFinished() {
        running.decrementAndGet();
        touch();
    }

    void touch() {
        lastActivityNanos.set(System.nanoTime());
    }

    /** Waits until idle for {@code quietMillis}, or {@code maxMillis} passed; returns whether it got idle. */
    boolean awaitQuiet(long quietMillis, long maxMillis) throws InterruptedException {
        long deadline = System.nanoTime() + maxMillis * 1_000_000L;
        while (System.nanoTime() < deadline) {
            long idleNanos = System.nanoTime() - lastActivityNanos.get();
            if (running.get() == 0 && idleNanos >= quietMillis * 1_000_000L) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }

    /** {@code out}, noting the time of every write. */
    OutputStream watch(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                touch();
            }

            @Override
            public void write(int b) throws IOException {
                out.write(b);
                touch();
            }
        };
    }
}
