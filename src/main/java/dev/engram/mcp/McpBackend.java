package dev.engram.mcp;

import dev.engram.memory.SqliteMemoryStore;
import dev.engram.semantic.Recall;
import dev.engram.view.SyncStatusSource;

/**
 * What the tools work on: the store, the sync status source (the seam where the autosync manager's status
 * plugs in), and the search ({@link Recall}: keyword, semantic or hybrid). {@code engram mcp} opens it while
 * the MCP handshake runs.
 */
public record McpBackend(SqliteMemoryStore store, SyncStatusSource status, Recall recall) {
    /** Keyword search only. */
    public McpBackend(SqliteMemoryStore store, SyncStatusSource status) {
        this(store, status, Recall.keywordOnly(store));
    }
}
