package dev.engram.mcp;

import dev.engram.base.InvalidInputException;
import dev.engram.base.NotFoundException;
import dev.engram.logging.ComponentLogger;
import dev.engram.memory.StoreException;
import dev.engram.view.Views;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import tools.jackson.databind.JsonNode;

/**
 * {@code engram mcp}: the memory tools served over stdio with the official MCP SDK until stdin closes.
 *
 * <p>Every tool call is answered: bad arguments and unknown ids become error results that name the
 * problem ({@code isError: true}), never a broken session. The SDK's stdio transport does not notice
 * the end of its input, so {@link #serve} watches stdin itself and returns when it ends.
 */
public final class StdioMcpServer {
    private static final ComponentLogger log = ComponentLogger.of("mcp");
    static final String SERVER_NAME = "engram";
    static final String INSTRUCTIONS = "Persistent memory across sessions. Call mem_context at the start of a task, "
            + "mem_search before re-deriving something, and mem_save after a decision, a bug fix, or a discovery.";

    static final long MAX_DRAIN_MILLIS = 30_000;

    /**
     * Tool inputs are checked by {@link Args} and no tool declares an output schema, so the SDK's
     * schema validator would never run; loading it costs start-up time.
     */
    private static final JsonSchemaValidator NO_SCHEMA_VALIDATION = (schema, value) -> JsonSchemaValidator.ValidationResponse.asValid(null);

    private final CompletableFuture<McpBackend> backend;
    private final List<Tool> tools;
    private final String version;
    private final Drain drain = new Drain();

    /**
     * {@code backend} may still be opening: the MCP handshake does not need the database, so the
     * composition root opens it in parallel and the first tool call waits for it. If opening fails,
     * {@link #serve} stops and throws that failure.
     */
    public StdioMcpServer(CompletableFuture<McpBackend> backend, ToolProfile profile, String defaultProject, String version) {
        this.backend = backend;
        this.tools = new MemoryTools(this::awaitBackend, defaultProject).all().stream().filter(t -> profile.includes(t.name())).toList();
        this.version = version;
    }

    private McpBackend awaitBackend() {
        try {
            return backend.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** The names of the tools this server exposes, in order. */
    public List<String> toolNames() {
        return tools.stream().map(Tool::name).toList();
    }

    /** Serves JSON-RPC on {@code in}/{@code out} and returns once {@code in} reaches its end (or fails). */
    public void serve(InputStream in, OutputStream out) throws InterruptedException {
        CountDownLatch eof = new CountDownLatch(1);
        var mapper = new JacksonMcpJsonMapper(Views.JSON);
        var input = new EofSignallingStream(in, eof, drain.input);
        var transport = new StdioServerTransportProvider(mapper, input, drain.watch(out));
        McpSyncServer server = McpServer.sync(transport)
                .serverInfo(SERVER_NAME, version)
                .instructions(INSTRUCTIONS)
                .jsonMapper(mapper)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .validateToolInputs(false) // checked by Args, with messages that name the argument
                .jsonSchemaValidator(NO_SCHEMA_VALIDATION) // nothing to validate; keeps ~180 classes off start-up
                .immediateExecution(true) // run tools on the transport thread: one thread hop less per call
                .requestTimeout(Duration.ofMinutes(5))
                .tools(tools.stream().map(this::specification).toList())
                .build();
        log.atInfo().setMessage("mcp server started").addKeyValue("tools", tools.size()).log();
        backend.whenComplete((b, failure) -> {
            if (failure != null) {
                eof.countDown();
            }
        });
        eof.await();
        if (backend.isCompletedExceptionally()) {
            input.release();
            server.close();
            awaitBackend(); // throws the reason the database could not be opened
        }
        boolean drained = drain.awaitAnswered(MAX_DRAIN_MILLIS);
        log.atInfo().setMessage("stdin closed, stopping").addKeyValue("drained", drained)
                .addKeyValue("unanswered", drain.unanswered()).log();
        input.release();
        server.closeGracefully();
    }

    private SyncToolSpecification specification(Tool tool) {
        McpSchema.Tool spec = McpSchema.Tool.builder()
                .name(tool.name())
                .description(tool.description())
                .inputSchema(tool.schema().toMap())
                .annotations(new McpSchema.ToolAnnotations(null, tool.readOnly(), tool.name().equals("mem_delete"), null, false, null))
                .build();
        return new SyncToolSpecification(spec, (exchange, request) -> call(tool, request.arguments()));
    }

    /** Runs one tool call; every failure becomes an error result, classified here once. */
    CallToolResult call(Tool tool, Map<String, Object> arguments) {
        long start = System.nanoTime();
        String outcome = "ok";
        try {
            JsonNode result = tool.handler().apply(Args.of(arguments, tool.schema().names()));
            return CallToolResult.builder()
                    .addTextContent(Views.JSON.writeValueAsString(result))
                    .structuredContent(result) // a Jackson 3 tree: the SDK mapper writes it as is
                    .isError(false)
                    .build();
        } catch (InvalidInputException e) {
            // The agent sent a bad argument: say which, so it can fix the call.
            outcome = "invalid_input";
            return error(e.getMessage());
        } catch (NotFoundException e) {
            outcome = "not_found";
            return error(e.getMessage());
        } catch (StoreException e) {
            // The database is busy or unreadable: the call may succeed later.
            outcome = "store_unavailable";
            log.atWarn().setMessage("store unavailable").addKeyValue("tool", tool.name()).addKeyValue("error", e.getMessage()).log();
            return error(e.getMessage());
        } catch (RuntimeException e) {
            outcome = "internal";
            log.atError().setMessage("tool failed").addKeyValue("tool", tool.name()).setCause(e).log();
            return error("internal error in " + tool.name() + ": " + e.getClass().getSimpleName());
        } finally {
            if (log.isDebugEnabled()) {
                log.atDebug().setMessage("tool called").addKeyValue("tool", tool.name()).addKeyValue("outcome", outcome)
                        .addKeyValue("elapsed_us", (System.nanoTime() - start) / 1_000).log();
            }
        }
    }

    private static CallToolResult error(String message) {
        return CallToolResult.builder().addTextContent(message).isError(true).build();
    }

    /**
     * Counts down {@code eof} when the wrapped stream ends or fails, and holds the end back from the
     * SDK's reader until {@link #release()}: the SDK closes its session as soon as it reads the end,
     * which would drop the answers to requests still being processed.
     */
    private static final class EofSignallingStream extends FilterInputStream {
        private final CountDownLatch eof;
        private final Drain.Lines lines;
        private final CountDownLatch released = new CountDownLatch(1);

        EofSignallingStream(InputStream in, CountDownLatch eof, Drain.Lines lines) {
            super(in);
            this.eof = eof;
            this.lines = lines;
        }

        void release() {
            released.countDown();
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = signal(guard(() -> super.read(b, off, len)));
            if (n > 0) {
                lines.feed(b, off, n);
            }
            return n;
        }

        private int guard(IoRead read) throws IOException {
            try {
                return read.run();
            } catch (IOException e) {
                holdBack();
                throw e;
            }
        }

        private int signal(int n) throws IOException {
            if (n < 0) {
                holdBack();
            }
            return n;
        }

        private void holdBack() throws IOException {
            eof.countDown();
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while stopping");
            }
        }

        @FunctionalInterface
        private interface IoRead {
            int run() throws IOException;
        }
    }
}
