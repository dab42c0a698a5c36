package dev.engram.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;

/** One stored mutation as a pull returns it; {@code occurredAt} is when the server stored it (RFC 3339 UTC, milliseconds). */
public record PulledMutation(
        @JsonProperty("seq") long seq,
        @JsonProperty("mutation_id") String mutationId,
        @JsonProperty("project") String project,
        @JsonProperty("entity") MutationEntity entity,
        @JsonProperty("entity_key") String entityKey,
        @JsonProperty("op") MutationOp op,
        @JsonProperty("payload") JsonNode payload,
        @JsonProperty("occurred_at") String occurredAt) {
}
