package dev.engram.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Answer to {@code GET /sync/mutations/pull} (contract 8.2): mutations of the caller's granted
 * projects in seq order; {@code hasMore} when another page is ready now; {@code latestSeq} the
 * newest seq visible to the caller on the whole server (0 when there is none); {@code serverId} the
 * server's stable id (contract 8.5; null from an older server).
 */
public record PullResponse(
        @JsonProperty("mutations") List<PulledMutation> mutations,
        @JsonProperty("has_more") boolean hasMore,
        @JsonProperty("latest_seq") long latestSeq,
        @JsonProperty("server_id") String serverId) {
    public PullResponse {
        mutations = List.copyOf(mutations);
    }
}
