package dev.engram.cli;

import dev.engram.view.Views;
import tools.jackson.databind.JsonNode;

/** {@code --json} output: the same views as the HTTP API and MCP ({@link Views}), pretty-printed. */
final class CliJson {
    private CliJson() {
    }

    static String print(JsonNode node) {
        return Views.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    }
}
