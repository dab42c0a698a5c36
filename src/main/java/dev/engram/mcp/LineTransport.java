package dev.engram.mcp;

import dev.engram.logging.ComponentLogger;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;

/**
 * MCP over stdio as newline-delimited JSON-RPC, handled on the one thread that reads stdin.
 *
 * <p>Why not the SDK's {@code StdioServerTransportProvider}: it hands every message from a reader
 * thread to a handling pipeline and every answer to a writer thread (two thread switches per call,
 * milliseconds on a busy machine), it stops reading for good after one malformed line, and it does
 * not notice the end of stdin (stack.md, gotcha 7). Here {@link #run} reads a line, lets the SDK's
 * session handle it (tools run inline: the server is built with {@code immediateExecution}), writes
 * the answer, and reads the next; a malformed line gets a JSON-RPC parse error and the loop goes on;
 * the end of stdin ends {@link #run} with every request read already answered.
 */
final class LineTransport implements McpServerTransportProvider {
    private static final ComponentLogger log = ComponentLogger.of("mcp");

    private static final byte[] PARSE_ERROR = ("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":"
            + McpSchema.ErrorCodes.PARSE_ERROR + ",\"message\":\"Parse error: not a JSON-RPC message\"}}").getBytes(StandardCharsets.UTF_8);

    /** How long calls are held back while the client has not answered {@code roots/list}. */
    static final Duration ROOTS_WAIT = Duration.ofSeconds(2);
    static final String ROOTS_ID_PREFIX = "engram-roots-";

    private final McpJsonMapper mapper;
    private final InputStream in;
    private final OutputStream out;
    private final Consumer<Path> rootChanged;
    private final Session transport = new Session();
    private volatile McpServerSession session;

    // Client roots (guarded by lock): see handleIncoming.
    private final Object lock = new Object();
    private boolean rootsOffered;
    private String pendingRootsId;
    private long rootsRequests;
    private final ArrayDeque<McpSchema.JSONRPCMessage> held = new ArrayDeque<>();

    LineTransport(McpJsonMapper mapper, InputStream in, OutputStream out) {
        this(mapper, in, out, root -> { });
    }

    /** {@code rootChanged} hears the directory of the client's first {@code file://} root, each time the client tells its roots. */
    LineTransport(McpJsonMapper mapper, InputStream in, OutputStream out, Consumer<Path> rootChanged) {
        this.mapper = mapper;
        this.in = in;
        this.out = out;
        this.rootChanged = rootChanged;
    }

    @Override
    public void setSessionFactory(McpServerSession.Factory factory) {
        this.session = factory.create(transport);
    }

    /** Reads and handles messages until stdin ends; returns then. */
    void run() throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line; (line = reader.readLine()) != null; ) {
            if (line.isBlank()) {
                continue;
            }
            McpSchema.JSONRPCMessage message;
            try {
                message = McpSchema.deserializeJsonRpcMessage(mapper, line);
            } catch (IOException | RuntimeException e) {
                log.atWarn().setMessage("malformed message").addKeyValue("bytes", line.length()).log();
                writeLine(PARSE_ERROR); // JSON-RPC 2.0: a parse error is answered with a null id
                continue;
            }
            handleIncoming(message);
        }
    }

    /**
     * Client roots, handled here rather than by the SDK (whose sync exchange would block this, the only
     * reading thread, while waiting for the answer): when the client's {@code initialize} declares the
     * {@code roots} capability, this transport asks {@code roots/list} right after
     * {@code notifications/initialized}, and again on {@code notifications/roots/list_changed}. Until the
     * answer comes (at most {@link #ROOTS_WAIT}), later requests are held back, in order, so that no tool
     * call runs with the project of the wrong directory. The answer is consumed here, never shown to the SDK.
     */
    private void handleIncoming(McpSchema.JSONRPCMessage message) {
        synchronized (lock) {
            if (message instanceof McpSchema.JSONRPCResponse r && r.id() instanceof String id && id.startsWith(ROOTS_ID_PREFIX)) {
                if (id.equals(pendingRootsId)) {
                    pendingRootsId = null;
                    applyRoots(r);
                    releaseHeld();
                }
                return;
            }
            if (message instanceof McpSchema.JSONRPCRequest req && "initialize".equals(req.method())) {
                rootsOffered = offersRoots(req.params());
            }
            if (message instanceof McpSchema.JSONRPCNotification n && McpSchema.METHOD_NOTIFICATION_ROOTS_LIST_CHANGED.equals(n.method())) {
                if (rootsOffered) {
                    requestRoots();
                }
                return;
            }
            if (pendingRootsId != null) {
                held.add(message);
                return;
            }
            deliver(message);
            if (rootsOffered && message instanceof McpSchema.JSONRPCNotification n
                    && McpSchema.METHOD_NOTIFICATION_INITIALIZED.equals(n.method())) {
                requestRoots();
            }
        }
    }

    private void deliver(McpSchema.JSONRPCMessage message) {
        // Runs inline to the end for every message this server handles synchronously.
        session.handle(message).subscribe(null, e -> log.atWarn().setMessage("message handling failed")
                .addKeyValue("error", String.valueOf(e.getMessage())).log());
    }

    private void requestRoots() {
        String id = ROOTS_ID_PREFIX + (++rootsRequests);
        pendingRootsId = id;
        write(new McpSchema.JSONRPCRequest(McpSchema.JSONRPC_VERSION, McpSchema.METHOD_ROOTS_LIST, id, null));
        CompletableFuture.runAsync(() -> {
            synchronized (lock) {
                if (id.equals(pendingRootsId)) {
                    log.atWarn().setMessage("the client did not answer roots/list in time; using the current project")
                            .addKeyValue("waited_ms", ROOTS_WAIT.toMillis()).log();
                    pendingRootsId = null;
                    releaseHeld();
                }
            }
        }, CompletableFuture.delayedExecutor(ROOTS_WAIT.toMillis(), TimeUnit.MILLISECONDS));
    }

    private void releaseHeld() {
        while (pendingRootsId == null && !held.isEmpty()) {
            deliver(held.poll());
        }
    }

    private static boolean offersRoots(Object params) {
        return params instanceof Map<?, ?> p && p.get("capabilities") instanceof Map<?, ?> caps && caps.get("roots") != null;
    }

    /** The first {@code file://} root that is an existing directory goes to the listener; anything else is ignored. */
    private void applyRoots(McpSchema.JSONRPCResponse r) {
        if (r.error() != null || !(r.result() instanceof Map<?, ?> result) || !(result.get("roots") instanceof List<?> roots)) {
            log.atWarn().setMessage("unusable roots/list answer").log();
            return;
        }
        for (Object root : roots) {
            if (root instanceof Map<?, ?> m && m.get("uri") instanceof String uri && uri.regionMatches(true, 0, "file:", 0, 5)) {
                try {
                    Path dir = Path.of(URI.create(uri)).toAbsolutePath().normalize();
                    if (Files.isDirectory(dir)) {
                        rootChanged.accept(dir);
                        return;
                    }
                } catch (RuntimeException e) {
                    // a malformed file URI: try the next root
                }
            }
        }
        log.atInfo().setMessage("no file root that is a directory; keeping the current project").addKeyValue("roots", roots.size()).log();
    }

    private void write(Object message) {
        try {
            writeLine(mapper.writeValueAsBytes(message)); // one line: JSON escapes every newline inside strings
        } catch (IOException e) {
            throw new UncheckedIOException("writing to stdout failed", e);
        }
    }

    private void writeLine(byte[] json) {
        try {
            synchronized (out) {
                out.write(json);
                out.write('\n');
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to stdout failed", e);
        }
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
        McpServerSession s = session;
        return s == null ? Mono.empty() : s.sendNotification(method, params);
    }

    @Override
    public Mono<Void> closeGracefully() {
        McpServerSession s = session;
        return s == null ? Mono.empty() : s.closeGracefully();
    }

    /** The session's side: answers are written at once, on the thread that produced them. */
    private final class Session implements McpServerTransport {
        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
            return Mono.fromRunnable(() -> write(message));
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
            return mapper.convertValue(data, type);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.empty();
        }
    }
}
