package dev.engram.cloud;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The server's storage: mutations with their seqs, and tokens with their grants. Seqs are assigned
 * so that they become visible in order: a pull that returned seq N never misses a seq below N
 * later, whichever instance stored it (the reason is in each implementation).
 */
interface CloudStore extends AutoCloseable {

    /**
     * Stores the new entries of the request atomically; repeated mutation ids (same token, same
     * payload) get their first seq; any other reuse of a mutation id refuses the request and stores
     * nothing ({@link AppendResult.Conflict}). Concurrent calls may share one transaction
     * ({@link GroupCommit}), yet each gets its own outcome.
     */
    AppendResult append(AppendRequest request);

    /**
     * Up to {@code limit} mutations of {@code projects} with seq above {@code sinceSeq}, in seq order,
     * from one snapshot, holding about {@code maxBytes} at most but always at least one mutation.
     */
    PullPage pull(Set<String> projects, long sinceSeq, int limit, long maxBytes);

    /** This database's stable id ({@code srv-} and 16 hex), created on its first start. */
    String serverId();

    Optional<StoredToken> tokenByHash(String hash);

    /** @throws TokenNameTakenException when a token (even a revoked one) already has this name */
    void insertToken(StoredToken token);

    List<TokenInfo> tokens();

    RevokeOutcome revokeToken(String name, Instant now);

    /**
     * Calls {@code onChange} whenever another process may have stored mutations (PostgreSQL
     * LISTEN/NOTIFY); a no-op for stores only one process writes. Close the handle to stop.
     */
    AutoCloseable watchRemoteChanges(Runnable onChange);

    /** {@code sqlite} or {@code postgresql}, for logs and metrics. */
    String kind();

    @Override
    void close();

    enum RevokeOutcome { REVOKED, ALREADY_REVOKED, NOT_FOUND }
}
