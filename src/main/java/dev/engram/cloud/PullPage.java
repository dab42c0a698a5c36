package dev.engram.cloud;

import java.util.List;

/** One page of a pull, read in one snapshot: {@code latestSeq} is the newest seq of the caller's projects in that snapshot. */
record PullPage(List<StoredMutation> mutations, boolean hasMore, long latestSeq) {
    PullPage {
        mutations = List.copyOf(mutations);
    }
}
