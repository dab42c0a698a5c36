package dev.engram.replication;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.netcrusher.core.filter.TransformFilter;
import org.netcrusher.core.filter.TransformFilterFactory;
import org.netcrusher.core.reactor.NioReactor;
import org.netcrusher.tcp.TcpCrusher;
import org.netcrusher.tcp.TcpCrusherBuilder;

/**
 * A netcrusher TCP proxy in front of the cloud server, plus a byte filter that can swallow the next push
 * request (the server never sees it) or the response to the next push (the server stored the batch, the
 * client never hears so). The filter recognises an exchange by its first bytes, so it works whichever
 * direction netcrusher calls incoming or outgoing.
 */
final class FaultProxy implements AutoCloseable {
    enum Swallow { NOTHING, PUSH_REQUEST, PUSH_RESPONSE }

    private static final byte[] PUSH = "POST /sync/mutations/push".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RESPONSE = "HTTP/1.1 ".getBytes(StandardCharsets.US_ASCII);

    private final NioReactor reactor;
    final TcpCrusher crusher;
    private volatile Swallow swallow = Swallow.NOTHING;
    private volatile boolean pushInFlight;
    private volatile CountDownLatch swallowed = new CountDownLatch(1);

    FaultProxy(int serverPort) throws IOException {
        reactor = new NioReactor();
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        TransformFilterFactory filters = address -> new Filter();
        crusher = TcpCrusherBuilder.builder().withReactor(reactor)
                .withBindAddress(new InetSocketAddress("127.0.0.1", port))
                .withConnectAddress(new InetSocketAddress("127.0.0.1", serverPort))
                .withIncomingTransformFilterFactory(filters)
                .withOutgoingTransformFilterFactory(filters)
                .buildAndOpen();
    }

    String url() {
        return "http://127.0.0.1:" + crusher.getBindAddress().getPort();
    }

    /** Arms the filter for the next push exchange. */
    void swallowNext(Swallow what) {
        swallowed = new CountDownLatch(1);
        pushInFlight = false;
        swallow = what;
    }

    /** Waits until the armed bytes went into the void. */
    void awaitSwallowed(Duration timeout) throws InterruptedException {
        if (!swallowed.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("no push went through the proxy within " + timeout);
        }
    }

    void passEverything() {
        swallow = Swallow.NOTHING;
        pushInFlight = false;
    }

    private final class Filter implements TransformFilter {
        private boolean dropping; // per direction of one connection; netcrusher calls it on the reactor thread

        @Override
        public void transform(ByteBuffer bytes) {
            Swallow mode = swallow;
            if (mode == Swallow.NOTHING) {
                dropping = false;
                return;
            }
            if (startsWith(bytes, PUSH)) {
                pushInFlight = true;
                dropping = mode == Swallow.PUSH_REQUEST;
            } else if (startsWith(bytes, RESPONSE)) {
                dropping = mode == Swallow.PUSH_RESPONSE && pushInFlight;
            }
            if (dropping) {
                bytes.position(bytes.limit());
                swallowed.countDown();
            }
        }
    }

    private static boolean startsWith(ByteBuffer bytes, byte[] prefix) {
        if (bytes.remaining() < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes.get(bytes.position() + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        try {
            crusher.close();
        } finally {
            reactor.close();
        }
    }
}
