package dev.engram.cloud;

import java.time.Instant;
import java.util.List;

/** One push's validated entries on their way into storage, attributed to a token name. */
record AppendRequest(String pushedBy, List<NewMutation> batch, Instant now) {
    AppendRequest {
        batch = List.copyOf(batch);
    }
}
