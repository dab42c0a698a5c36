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
import java.nio.charset.StandardCharsets;
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

    private final McpJsonMapper mapper;
    private final InputStream in;
    private final OutputStream out;
    private final Session transport = new Session();
    private volatile McpServerSession session;

    LineTransport(McpJsonMapper mapper, InputStream in, OutputStream out) {
        this.mapper = mapper;
        this.in = in;
        this.out = out;
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
            // Runs inline to the end for every message this server handles synchronously.
            session.handle(message).subscribe(null, e -> log.atWarn().setMessage("message handling failed")
                    .addKeyValue("error", String.valueOf(e.getMessage())).log());
        }
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
