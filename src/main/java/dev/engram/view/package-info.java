/**
 * The outside shape of the memory, shared by the agent-facing front doors (HTTP API and MCP): JSON
 * views of domain records with the contract's snake_case wire names and RFC 3339 times
 * ({@link dev.engram.view.Views}), and the seam through which they read the sync status record
 * ({@link dev.engram.view.SyncStatusSource}). Depends on {@code base}, {@code memory}, {@code project} and
 * {@code semantic} (search answers and index coverage) only.
 */
package dev.engram.view;
