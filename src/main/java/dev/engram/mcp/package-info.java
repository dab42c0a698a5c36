/**
 * The MCP server of {@code engram mcp} (contract section 5) on the official MCP Java SDK over stdio:
 * the tool catalogue ({@link dev.engram.mcp.MemoryTools}) with a JSON schema per tool, strict
 * argument checking that names the bad argument ({@link dev.engram.mcp.Args}), the {@code --tools}
 * profiles, and a stdio runner that keeps stdout for JSON-RPC alone and exits when stdin closes
 * ({@link dev.engram.mcp.StdioMcpServer}, {@link dev.engram.mcp.LineTransport}), the memory instructions of
 * {@code initialize} (one resource file), and the project of calls that name none, which follows the
 * client's MCP roots ({@link dev.engram.mcp.CurrentProject}). Depends on {@code memory}, {@code view},
 * {@code project}, {@code base} and {@code logging}.
 */
package dev.engram.mcp;
