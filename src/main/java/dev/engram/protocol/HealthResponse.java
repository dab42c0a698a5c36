package dev.engram.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Body of {@code GET /health}: {@code {"status":"ok","service":"engram-cloud","version":...,"server_id":"srv-..."}}.
 * {@code serverId} is stable for the life of the server's database (contract 8.5); null from an older server.
 */
public record HealthResponse(
        @JsonProperty("status") String status,
        @JsonProperty("service") String service,
        @JsonProperty("version") String version,
        @JsonProperty("server_id") String serverId) {
}
