package dev.engram.mcp;

import dev.engram.logging.ComponentLogger;
import dev.engram.view.Views;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.http.HttpServlet;
import java.time.Duration;
import java.util.List;

/**
 * The memory tools over MCP Streamable HTTP, for {@code engram serve} at {@code /mcp}: the same tool
 * catalogue, profiles and instructions as {@link StdioMcpServer}, served by the SDK's servlet
 * transport. Who may call is not decided here: the local API mounts {@link #servlet()} behind its
 * request guard with the bearer token required. Every agent gets its own MCP session; tool calls run
 * on the HTTP handler's thread (a platform thread: store calls are JNI calls into SQLite).
 */
public final class HttpMcpServer implements AutoCloseable {
    public static final String PATH = "/mcp";
    private static final ComponentLogger log = ComponentLogger.of("mcp");

    private final HttpServletStreamableServerTransportProvider transport;
    private final McpSyncServer server;
    private final List<Tool> tools;

    /**
     * {@code maxRequestBytes}: the largest JSON-RPC message accepted. A call that names no project uses
     * the one resolved from this process's working directory; roots are not followed here (one server,
     * many agents), so agents sharing it should name their project.
     */
    public HttpMcpServer(McpBackend backend, ToolProfile profile, String version, int maxRequestBytes) {
        var mapper = new JacksonMcpJsonMapper(Views.JSON);
        this.tools = new MemoryTools(() -> backend, (String) null).all().stream().filter(t -> profile.includes(t.name())).toList();
        this.transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(mapper)
                .mcpEndpoint(PATH)
                .maxRequestSize(maxRequestBytes)
                .keepAliveInterval(Duration.ofSeconds(30))
                .build();
        this.server = McpServer.sync(transport)
                .serverInfo(StdioMcpServer.SERVER_NAME, version)
                .instructions(StdioMcpServer.instructions())
                .jsonMapper(mapper)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .validateToolInputs(false) // checked by Args, with messages that name the argument
                .jsonSchemaValidator(StdioMcpServer.NO_SCHEMA_VALIDATION)
                .immediateExecution(true) // on the HTTP handler's platform thread, not a Reactor scheduler
                .requestTimeout(Duration.ofMinutes(5))
                .tools(tools.stream().map(ToolCalls::specification).toList())
                .build();
        log.atInfo().setMessage("mcp http endpoint ready").addKeyValue("path", PATH).addKeyValue("tools", tools.size()).log();
    }

    /** The servlet that answers {@link #PATH} (POST, GET for the event stream, DELETE to end a session). */
    public HttpServlet servlet() {
        return transport;
    }

    /** The names of the tools this endpoint exposes, in order. */
    public List<String> toolNames() {
        return tools.stream().map(Tool::name).toList();
    }

    @Override
    public void close() {
        server.closeGracefully();
    }
}
