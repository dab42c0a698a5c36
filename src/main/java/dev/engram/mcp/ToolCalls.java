package dev.engram.mcp;

import dev.engram.base.InvalidInputException;
import dev.engram.base.NotFoundException;
import dev.engram.logging.ComponentLogger;
import dev.engram.memory.StoreException;
import dev.engram.view.Views;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * How a {@link Tool} meets the MCP SDK, the same over stdio and HTTP: its declaration (name,
 * description, schema, annotations) and one call, where every failure becomes an error result
 * classified here once.
 */
final class ToolCalls {
    private static final ComponentLogger log = ComponentLogger.of("mcp");

    private ToolCalls() {
    }

    static SyncToolSpecification specification(Tool tool) {
        McpSchema.Tool spec = McpSchema.Tool.builder()
                .name(tool.name())
                .description(tool.description())
                .inputSchema(tool.schema().toMap())
                .annotations(new McpSchema.ToolAnnotations(null, tool.readOnly(), tool.name().equals("mem_delete"), null, false, null))
                .build();
        return new SyncToolSpecification(spec, (exchange, request) -> call(tool, request.arguments()));
    }

    /** Runs one tool call; every failure becomes an error result, classified here once. */
    static CallToolResult call(Tool tool, Map<String, Object> arguments) {
        long start = System.nanoTime();
        String outcome = "ok";
        try {
            JsonNode result = tool.handler().apply(Args.of(arguments, tool.schema()));
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
}
