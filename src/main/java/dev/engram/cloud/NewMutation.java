package dev.engram.cloud;

/** A validated push entry on its way into storage; {@code payloadJson} is the payload exactly as the client sent it. */
record NewMutation(String mutationId, String project, String entity, String entityKey, String op, String payloadJson) {
}
