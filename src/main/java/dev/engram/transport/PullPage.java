package dev.engram.transport;

import java.util.List;

/**
 * A pull response: mutations ordered by seq, whether more wait beyond this page, the newest seq
 * visible to this caller on the server, and the server's stable id (null from a server that sends none).
 */
public record PullPage(List<PulledMutation> mutations, boolean hasMore, long latestSeq, String serverId) {
    public PullPage {
        mutations = List.copyOf(mutations);
    }

    /** A page from a server that does not say who it is. */
    public PullPage(List<PulledMutation> mutations, boolean hasMore, long latestSeq) {
        this(mutations, hasMore, latestSeq, null);
    }

    /** The highest seq in this page, or {@code fallback} when the page is empty. */
    public long lastSeq(long fallback) {
        return mutations.isEmpty() ? fallback : mutations.getLast().seq();
    }
}
