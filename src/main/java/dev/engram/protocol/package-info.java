/**
 * The sync wire protocol (contract section 8), shared by the cloud server and the sync client:
 * request and response records with their JSON names, paths, limits, error codes and the project
 * name rule. Depends on Jackson annotations and {@code dev.engram.base} only; no I/O here.
 */
package dev.engram.protocol;
