package dev.engram.transport;

import java.util.List;

/**
 * The two exchanges of the wire protocol (contract 8), seen from the client. An implementation returns
 * the parsed response of a 200, and throws {@link TransportException} for everything else: an HTTP error
 * status, a failed connection, a timeout, or a response body that breaks the protocol. It never retries
 * on its own; retry policy belongs to the caller.
 *
 * <p>Implementations: {@code HttpSyncTransport} (the real server) and, in tests, {@code FakeSyncTransport}.
 */
public interface SyncTransport {

    /**
     * {@code POST /sync/mutations/push} with at most {@code push_batch} entries, all of one project.
     *
     * @throws TransportException when the server did not answer 200 with a well-formed body
     */
    PushAck push(List<OutboundMutation> batch);

    /**
     * {@code GET /sync/mutations/pull?since_seq=&limit=&wait_ms=}.
     *
     * @param sinceSeq the cursor: only mutations with a higher seq are returned
     * @param limit    at most this many mutations in the page
     * @param waitMs   0 for an immediate answer; up to 30000 to hold the request until something newer arrives
     * @throws TransportException when the server did not answer 200 with a well-formed body
     */
    PullPage pull(long sinceSeq, int limit, long waitMs);
}
