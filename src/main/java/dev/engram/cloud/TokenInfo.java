package dev.engram.cloud;

import java.time.Instant;
import java.util.List;

/** What {@code token list} shows of a token: never the token nor its hash. {@code revokedAt} is null while it is valid. */
public record TokenInfo(String name, List<String> projects, Instant createdAt, Instant revokedAt) {
    public TokenInfo {
        projects = List.copyOf(projects);
    }

    public boolean revoked() {
        return revokedAt != null;
    }
}
