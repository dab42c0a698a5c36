/**
 * {@code engram setup}: writes this installation's MCP server entry (over stdio, or over HTTP to
 * {@code engram serve}'s endpoint with the serve token, which it keeps out of everything printed), the
 * memory instructions and the hooks into each coding agent's own configuration files, merging with what is there, and takes them
 * out again. Knows every supported agent's file locations and formats ({@link dev.engram.setup.Agent}),
 * edits JSON, TOML and Markdown without losing the user's other content, backs a file up once and
 * writes atomically. Depends only on base (and Jackson); it never opens the memory store.
 */
package dev.engram.setup;
