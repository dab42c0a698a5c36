package dev.engram.memory;

/** A partial update: null fields stay as they are. */
public record ObservationUpdate(String title, String content, String type, String scope, String topicKey) {
}
