/**
 * The MCP server (contract section 5) on the official MCP Java SDK: the tool catalogue
 * ({@link dev.engram.mcp.MemoryTools}) with a JSON schema per tool, strict argument checking that names
 * the bad argument ({@link dev.engram.mcp.Args}), the tool profiles, and how a tool meets the SDK,
 * shared by both transports ({@link dev.engram.mcp.ToolCalls}); the memory instructions of
 * {@code initialize} (one resource file), and the project of calls that name none, which follows the
 * client's MCP roots ({@link dev.engram.mcp.CurrentProject}). Two transports: stdio for
 * {@code engram mcp}, which keeps stdout for JSON-RPC alone and exits when stdin closes
 * ({@link dev.engram.mcp.StdioMcpServer}, {@link dev.engram.mcp.LineTransport}), and Streamable HTTP
 * for {@code engram serve} at {@code /mcp} ({@link dev.engram.mcp.HttpMcpServer}, a servlet the local
 * API mounts behind its guard). Depends on {@code memory}, {@code view}, {@code project}, {@code base}
 * and {@code logging}.
 */
package dev.engram.mcp;
