package dev.engram.mcp;

import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * One MCP tool: its name, what it is for (the description agents read), its argument schema, and
 * the handler that turns checked arguments into a JSON result. {@code readOnly} becomes the
 * {@code readOnlyHint} annotation.
 */
record Tool(String name, String description, Schema schema, boolean readOnly, Function<Args, JsonNode> handler) {
}
