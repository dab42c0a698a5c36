package dev.engram.mcp;

import dev.engram.base.InvalidInputException;
import dev.engram.base.NotFoundException;
import dev.engram.logging.ComponentLogger;
import dev.engram.memory.StoreException;
import dev.engram.project.ProjectResolver;
import dev.engram.view.Views;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
 * problem ({@code isError: true}), never a broken session. The SDK provides the protocol (session,
 * initialize, tools/list, tools/call); {@link LineTransport} moves the lines and ends with stdin.
 */
public final class StdioMcpServer {
    private static final ComponentLogger log = ComponentLogger.of("mcp");
    static final String SERVER_NAME = "engram";
    /** The text of {@code initialize}'s {@code instructions}; {@code engram setup} puts the same file into agents' instruction files. */
    public static final String INSTRUCTIONS_RESOURCE = "/engram/memory-instructions.md";

    /**
     * Tool inputs are checked by {@link Args} and no tool declares an output schema, so the SDK's
     * schema validator would never run; loading it costs start-up time.
     */
    static final JsonSchemaValidator NO_SCHEMA_VALIDATION = (schema, value) -> JsonSchemaValidator.ValidationResponse.asValid(null);

    private final CompletableFuture<McpBackend> backend;
    private final List<Tool> tools;
    private final String version;
    private final CurrentProject project;

    /**
     * {@code backend} may still be opening: the MCP handshake does not need the database, so the
     * composition root opens it in parallel and the first tool call waits for it. If opening fails,
     * {@link #serve} stops and throws that failure.
     */
    public StdioMcpServer(CompletableFuture<McpBackend> backend, ToolProfile profile, String defaultProject, String version) {
        this(backend, profile, new CurrentProject(ProjectResolver.fromEnvironment(), defaultProject, Path.of("")), version);
    }

    /** {@code project}: {@code --project}, else resolved from the working directory, then from the client's roots. */
    public StdioMcpServer(CompletableFuture<McpBackend> backend, ToolProfile profile, CurrentProject project, String version) {
        this.backend = backend;
        this.project = project;
        this.tools = new MemoryTools(this::awaitBackend, project).all().stream().filter(t -> profile.includes(t.name())).toList();
        this.version = version;
    }

    /** The memory instructions, read from the one resource file that holds them. */
    public static String instructions() {
        try (InputStream in = StdioMcpServer.class.getResourceAsStream(INSTRUCTIONS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(INSTRUCTIONS_RESOURCE + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    /**
     * Serves JSON-RPC on {@code in}/{@code out} and returns once {@code in} has ended and every
     * request read has been answered. If the backend fails to open, stops at once and throws why.
     */
    public void serve(InputStream in, OutputStream out) throws InterruptedException {
        var mapper = new JacksonMcpJsonMapper(Views.JSON);
        var transport = new LineTransport(mapper, in, out, project::rootChanged);
        McpSyncServer server = McpServer.sync(transport)
                .serverInfo(SERVER_NAME, version)
                .instructions(instructions())
                .jsonMapper(mapper)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .validateToolInputs(false) // checked by Args, with messages that name the argument
                .jsonSchemaValidator(NO_SCHEMA_VALIDATION) // nothing to validate; keeps ~180 classes off start-up
                .immediateExecution(true) // tools run on the reading thread: no thread switch, calls apply in order
                .requestTimeout(Duration.ofMinutes(5))
                .tools(tools.stream().map(ToolCalls::specification).toList())
                .build();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread reader = Thread.ofPlatform().name("engram-mcp-stdio").daemon(true).start(() -> {
            try {
                transport.run();
            } catch (IOException | RuntimeException e) {
                log.atWarn().setMessage("stdin failed").addKeyValue("error", String.valueOf(e.getMessage())).log();
            } finally {
                stopped.countDown();
            }
        });
        backend.whenComplete((b, failure) -> {
            if (failure != null) {
                stopped.countDown();
            }
        });
        log.atInfo().setMessage("mcp server started").addKeyValue("tools", tools.size()).log();
        stopped.await();
        if (backend.isCompletedExceptionally()) {
            server.close();
            awaitBackend(); // throws the reason the database could not be opened
        }
        reader.join();
        log.atInfo().setMessage("stdin closed, stopping").log();
        server.closeGracefully();
    }

    /** Runs one tool call; every failure becomes an error result (see {@link ToolCalls#call}). */
    CallToolResult call(Tool tool, Map<String, Object> arguments) {
        return ToolCalls.call(tool, arguments);
    }
}
