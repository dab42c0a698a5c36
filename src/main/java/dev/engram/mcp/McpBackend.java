package dev.engram.mcp;

import dev.engram.memory.SqliteMemoryStore;
import dev.engram.view.SyncStatusSource;

/**
 * What the tools work on: the store, and the sync status source (the seam where the autosync
 * manager's status plugs in). {@code engram mcp} opens it while the MCP handshake runs.
 */
public record McpBackend(SqliteMemoryStore store, SyncStatusSource status) {
}
