package dev.engram.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;

/**
 * One mutation in a push (contract 8.1). {@code mutationId} is unique per origin replica, for
 * example {@code <replica_id>:<local_seq>}; {@code payload} is a JSON object: the full entity for
 * an upsert, {@code {sync_id, deleted: true, deleted_at, hard_delete}} for a delete. The server
 * stores the payload opaquely and returns it verbatim, extra fields included.
 */
public record PushEntry(
        @JsonProperty("mutation_id") String mutationId,
        @JsonProperty("project") String project,
        @JsonProperty("entity") MutationEntity entity,
        @JsonProperty("entity_key") String entityKey,
        @JsonProperty("op") MutationOp op,
        @JsonProperty("payload") JsonNode payload) {
}
