package dev.engram.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Answer to {@code GET /sync/mutations/pull} (contract 8.2): mutations of the caller's granted
 * projects in seq order; {@code hasMore} when another page is ready now; {@code latestSeq} the
 * newest seq visible to the caller on the whole server (0 when there is none).
 */
public record PullResponse(
        @JsonProperty("mutations") List<PulledMutation> mutations,
        @JsonProperty("has_more") boolean hasMore,
        @JsonProperty("latest_seq") long latestSeq) {
    public PullResponse {
        mutations = List.copyOf(mutations);
    }
}
