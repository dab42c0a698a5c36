package dev.engram.transport;

/**
 * One entry of a push that the server refused, as its error body named it: the position in the batch
 * sent, the wire field at fault (or null) and the server's sentence about it (or null).
 */
public record RefusedEntry(int index, String field, String problem) {
}
