package dev.engram.mcp;

import dev.engram.view.Views;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Lets {@code engram mcp} answer everything it was asked before it exits on end of input: a client
 * may write its last requests and close stdin at once ({@code printf ... | engram mcp}), and the SDK
 * gives no handle on requests in flight. So this counts the JSON-RPC requests read (messages with an
 * {@code id} and a {@code method}) and the responses written (an {@code id} and a {@code result} or
 * {@code error}), and {@link #awaitAnswered} waits until every request has its response.
 */
final class Drain {
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong responses = new AtomicLong();
    private final Object lock = new Object();

    /** Feeds bytes read from stdin; call with every chunk, in order, from one thread. */
    final Lines input = new Lines(kind -> {
        if (kind == Kind.REQUEST) {
            requests.incrementAndGet();
        }
    });

    private final Lines output = new Lines(kind -> {
        if (kind == Kind.RESPONSE) {
            responses.incrementAndGet();
            synchronized (lock) {
                lock.notifyAll();
            }
        }
    });

    /** Waits until every request read has been answered, or {@code maxMillis} passed; returns whether all were. */
    boolean awaitAnswered(long maxMillis) throws InterruptedException {
        long deadline = System.nanoTime() + maxMillis * 1_000_000L;
        synchronized (lock) {
            while (responses.get() < requests.get()) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.min(left, 50));
            }
        }
        return true;
    }

    long unanswered() {
        return Math.max(0, requests.get() - responses.get());
    }

    /** {@code out}, counting the responses written through it. */
    OutputStream watch(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                synchronized (output) {
                    output.feed(b, off, len);
                }
            }

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }
        };
    }

    enum Kind { REQUEST, RESPONSE, OTHER }

    /** Splits a byte stream into newline-delimited messages and classifies each one. */
    static final class Lines {
        private final java.util.function.Consumer<Kind> sink;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        Lines(java.util.function.Consumer<Kind> sink) {
            this.sink = sink;
        }

        void feed(byte[] b, int off, int len) {
            int start = off;
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    line.write(b, start, i - start);
                    sink.accept(classify(line.toByteArray()));
                    line.reset();
                    start = i + 1;
                }
            }
            line.write(b, start, off + len - start);
        }

        /** Looks only at the top-level keys of one JSON-RPC message; anything unreadable is OTHER. */
        static Kind classify(byte[] message) {
            boolean id = false;
            boolean method = false;
            boolean outcome = false;
            try (JsonParser p = Views.JSON.createParser(message)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    return Kind.OTHER;
                }
                while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                    String name = p.currentName();
                    JsonToken value = p.nextToken();
                    switch (name) {
                        case "id" -> id = value != JsonToken.VALUE_NULL;
                        case "method" -> method = true;
                        case "result", "error" -> outcome = true;
                        default -> { }
                    }
                    p.skipChildren();
                }
            } catch (RuntimeException e) {
                return Kind.OTHER;
            }
            if (id && method) {
                return Kind.REQUEST;
            }
            return id && outcome ? Kind.RESPONSE : Kind.OTHER;
        }
    }
}
