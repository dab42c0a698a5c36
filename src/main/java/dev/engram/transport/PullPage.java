package dev.engram.transport;

import java.util.List;

/**
 * A pull response: mutations ordered by seq, whether more wait beyond this page, and the newest seq
 * visible to this caller on the server.
 */
public record PullPage(List<PulledMutation> mutations, boolean hasMore, long latestSeq) {
    public PullPage {
        mutations = List.copyOf(mutations);
    }

    /** The highest seq in this page, or {@code fallback} when the page is empty. */
    public long lastSeq(long fallback) {
        return mutations.isEmpty() ? fallback : mutations.getLast().seq();
    }
}
