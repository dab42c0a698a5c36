package dev.engram.cloud;

/** A mutation as stored: its server seq and the time the server stored it (epoch milliseconds). */
record StoredMutation(long seq, String mutationId, String project, String entity, String entityKey, String op,
                      String payloadJson, long occurredAtMillis) {
}
