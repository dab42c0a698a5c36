package dev.engram.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Answer to an accepted push: one server seq per entry, in request order. A repeated
 * {@code mutation_id} gets the seq it was given the first time. Acknowledge local journal rows only
 * when {@code acceptedSeqs.size()} equals the number of entries sent.
 */
public record PushResponse(@JsonProperty("accepted_seqs") List<Long> acceptedSeqs) {
    public PushResponse {
        acceptedSeqs = List.copyOf(acceptedSeqs);
    }
}
