/**
 * Project identity: which project a command, the local HTTP API or the MCP server works on when
 * none is named ({@link dev.engram.project.ProjectResolver}). It reads the environment,
 * {@code .engram/config.json} and git's own files (never the {@code git} binary) and never fails:
 * an unreadable file is a note and the next rule applies. Depends on {@code base} and
 * {@code memory} (for the project-name normalization) only; kept free of Jackson databind and HTTP
 * so that {@code engram hook} starts fast.
 */
package dev.engram.project;
