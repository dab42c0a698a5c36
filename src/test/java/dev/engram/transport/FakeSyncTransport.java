package dev.engram.transport;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * An in-memory cloud server behind the {@link SyncTransport} seam: it stores pushed mutations once per
 * mutation id, numbers them, serves them back in pull pages, and refuses projects the token is not
 * granted (403), as contract 8 says. Scripted failures take precedence, in order, and every request is
 * recorded. Thread-safe, so the autosync thread may use it while a test scripts it.
 */
public final class FakeSyncTransport implements SyncTransport {
    private final List<PulledMutation> log = new ArrayList<>();
    private final Map<String, Long> seqByMutationId = new HashMap<>();
    private final Set<String> forbidden = new HashSet<>();
    private final Deque<Supplier<PushAck>> pushScript = new ArrayDeque<>();
    private final Deque<Supplier<PullPage>> pullScript = new ArrayDeque<>();
    private final List<List<OutboundMutation>> pushRequests = new ArrayList<>();
    private final List<PullRequest> pullRequests = new ArrayList<>();
    private Instant now = Instant.parse("2026-11-27T06:00:00Z");

    public record PullRequest(long sinceSeq, int limit, long waitMs) { }

    // ---- scripting ------------------------------------------------------------------------------

    /** The token is not granted {@code project}: its pushes get 403. */
    public synchronized FakeSyncTransport forbid(String project) {
        forbidden.add(project);
        return this;
    }

    public synchronized FakeSyncTransport allow(String project) {
        forbidden.remove(project);
        return this;
    }

    /** The next push throws {@code failure} without storing anything. */
    public synchronized FakeSyncTransport failNextPush(TransportException failure) {
        pushScript.add(() -> {
            throw failure;
        });
        return this;
    }

    /** The next push is stored, but its answer is lost on the way back (connection reset). */
    public synchronized FakeSyncTransport loseNextPushResponse() {
        pushScript.add(() -> null);
        return this;
    }

    /** The next push stores nothing and answers with {@code ack} as it is. */
    public synchronized FakeSyncTransport answerNextPush(PushAck ack) {
        pushScript.add(() -> ack);
        return this;
    }

    public synchronized FakeSyncTransport failNextPull(TransportException failure) {
        pullScript.add(() -> {
            throw failure;
        });
        return this;
    }

    /** The next pull throws {@code bug}: not a transport failure, an unexpected exception. */
    public synchronized FakeSyncTransport crashNextPull(RuntimeException bug) {
        pullScript.add(() -> {
            throw bug;
        });
        return this;
    }

    /** The next pull answers {@code page} as it is, whatever was asked. */
    public synchronized FakeSyncTransport answerNextPull(PullPage page) {
        pullScript.add(() -> page);
        return this;
    }

    /** Stores a mutation as if another replica had pushed it; returns its seq. */
    public synchronized long injectRemote(String mutationId, String project, String entity, String entityKey, String op,
            String payloadJson) {
        return store(new OutboundMutation(mutationId, project, entity, entityKey, op, payloadJson));
    }

    // ---- inspection -----------------------------------------------------------------------------

    public synchronized List<List<OutboundMutation>> pushRequests() {
        return List.copyOf(pushRequests);
    }

    public synchronized List<PullRequest> pullRequests() {
        return List.copyOf(pullRequests);
    }

    /** Everything stored, in seq order. */
    public synchronized List<PulledMutation> stored() {
        return List.copyOf(log);
    }

    public synchronized long latestSeq() {
        return log.isEmpty() ? 0 : log.getLast().seq();
    }

    // ---- the seam -------------------------------------------------------------------------------

    @Override
    public synchronized PushAck push(List<OutboundMutation> batch) {
        pushRequests.add(List.copyOf(batch));
        Supplier<PushAck> scripted = pushScript.poll();
        if (scripted != null) {
            PushAck ack = scripted.get();
            if (ack != null) {
                return ack;
            }
            storeAll(batch);
            throw TransportException.of(FailureKind.RESET, "POST /sync/mutations/push: connection reset", null);
        }
        for (OutboundMutation m : batch) {
            if (forbidden.contains(m.project())) {
                throw TransportException.http(403, "policy_forbidden", "POST /sync/mutations/push: 403 policy_forbidden: "
                        + "token is not granted project " + m.project());
            }
        }
        return new PushAck(storeAll(batch));
    }

    @Override
    public synchronized PullPage pull(long sinceSeq, int limit, long waitMs) {
        pullRequests.add(new PullRequest(sinceSeq, limit, waitMs));
        Supplier<PullPage> scripted = pullScript.poll();
        if (scripted != null) {
            return scripted.get();
        }
        List<PulledMutation> newer = log.stream().filter(m -> m.seq() > sinceSeq && !forbidden.contains(m.project())).toList();
        List<PulledMutation> page = newer.subList(0, Math.min(limit, newer.size()));
        return new PullPage(page, newer.size() > page.size(), latestSeq());
    }

    private List<Long> storeAll(List<OutboundMutation> batch) {
        List<Long> seqs = new ArrayList<>();
        for (OutboundMutation m : batch) {
            seqs.add(store(m));
        }
        return seqs;
    }

    private long store(OutboundMutation m) {
        Long existing = seqByMutationId.get(m.mutationId());
        if (existing != null) {
            return existing;
        }
        long seq = log.size() + 1L;
        now = now.plusMillis(1);
        log.add(new PulledMutation(seq, m.mutationId(), m.project(), m.entity(), m.entityKey(), m.op(), m.payloadJson(), now));
        seqByMutationId.put(m.mutationId(), seq);
        return seq;
    }
}
