package dev.engram.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Body of {@code GET /health}: {@code {"status":"ok","service":"engram-cloud","version":...}}. */
public record HealthResponse(
        @JsonProperty("status") String status,
        @JsonProperty("service") String service,
        @JsonProperty("version") String version) {
}
