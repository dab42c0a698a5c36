package dev.engram.setup;

import java.nio.file.Path;

/**
 * One thing setup manages inside one file: the MCP server entry, the marked block of memory
 * instructions, or the hooks. Pure text-to-text functions: the caller reads and writes the file.
 * {@code text} is null when the file does not exist. Each function throws
 * {@link MalformedConfigException} when the file cannot be edited safely.
 */
sealed interface Part permits JsonEntry, JsonHooks, MarkedBlock, TomlTable {
    Path file();

    /** {@code mcp}, {@code instructions} or {@code hooks}. */
    String kind();

    /** What it is, for people: "MCP server engram". */
    String what();

    PartState state(String text);

    /** For the MCP server entry, the transport of the entry in {@code text}; empty when there is none (or for other parts). */
    default java.util.Optional<Transport> transport(String text) {
        return java.util.Optional.empty();
    }

    /** The text with this part in its current form; {@code text} itself when it is already current. */
    String add(String text);

    /** The text without this part ({@code text} itself when it is absent), or null when the file is left with nothing. */
    String remove(String text);
}
