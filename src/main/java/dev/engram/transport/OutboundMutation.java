package dev.engram.transport;

import java.util.Objects;

/**
 * One journal row on its way to the server (contract 8.1). {@code mutationId} is
 * {@code <replicaId>:<local seq>}: stable across retries, so the server stores a re-sent entry once.
 * {@code payloadJson} is the entity's wire JSON, sent as it is.
 */
public record OutboundMutation(String mutationId, String project, String entity, String entityKey, String op,
        String payloadJson) {
    public OutboundMutation {
        Objects.requireNonNull(mutationId, "mutationId");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(entityKey, "entityKey");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(payloadJson, "payloadJson");
    }
}
