package dev.engram.transport;

import java.util.List;

/** A push response (contract 8.1): one server seq per entry, in the order sent. */
public record PushAck(List<Long> acceptedSeqs) {
    public PushAck {
        acceptedSeqs = List.copyOf(acceptedSeqs);
    }

    /** True only when the server accepted exactly as many entries as were sent: the proof needed to acknowledge. */
    public boolean acknowledges(int sent) {
        return acceptedSeqs.size() == sent;
    }
}
