package dev.engram.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Body of {@code POST /sync/mutations/push}: at most {@link SyncProtocol#DEFAULT_MAX_PUSH_ENTRIES} entries unless the server says otherwise. */
public record PushRequest(@JsonProperty("entries") List<PushEntry> entries) {
    public PushRequest {
        entries = List.copyOf(entries);
    }
}
