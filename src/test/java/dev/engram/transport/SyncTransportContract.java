package dev.engram.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * What any {@link SyncTransport} must do against a server that keeps contract 8, whatever carries the
 * bytes. Runs against {@link FakeSyncTransport} directly, against {@link HttpSyncTransport} in front of
 * it, and (once it lands) against the real cloud server, so the fake cannot drift from the real thing.
 */
public abstract class SyncTransportContract {
    /** The transport under test, talking to an empty server whose token is granted every project but "forbidden". */
    protected abstract SyncTransport transport();

    static OutboundMutation mutation(String id, String project, String key) {
        return new OutboundMutation(id, project, "session", key, "upsert",
                "{\"id\":\"" + key + "\",\"project\":\"" + project + "\",\"title\":\"caf\u00e9 \\\"quoted\\\"\","
                        + "\"started_at\":\"2026-01-02T06:00:00.123Z\",\"version\":\"0192f3a4b5c6.0000.r-a\"}");
    }

    @Test
    void pushAnswersOneSeqPerEntryInOrder() {
        PushAck ack = transport().push(List.of(mutation("r-a:1", "alpha", "s1"), mutation("r-a:2", "alpha", "s2")));

        assertThat(ack.acceptedSeqs()).hasSize(2);
        assertThat(ack.acceptedSeqs().get(0)).isLessThan(ack.acceptedSeqs().get(1));
    }

    @Test
    void pushingTheSameMutationIdAgainStoresNothingNewAndAnswersTheFirstSeq() {
        long first = transport().push(List.of(mutation("r-a:1", "alpha", "s1"))).acceptedSeqs().getFirst();

        PushAck again = transport().push(List.of(mutation("r-a:1", "alpha", "s1"), mutation("r-a:2", "alpha", "s2")));

        assertThat(again.acceptedSeqs().getFirst()).isEqualTo(first);
        assertThat(transport().pull(0, 100, 0).mutations()).hasSize(2);
    }

    @Test
    void pullReturnsWhatWasPushedAfterTheCursorInSeqOrder() {
        List<Long> seqs = transport().push(List.of(mutation("r-a:1", "alpha", "s1"), mutation("r-a:2", "beta", "s2"),
                mutation("r-a:3", "alpha", "s3"))).acceptedSeqs();

        PullPage page = transport().pull(seqs.get(0), 100, 0);

        assertThat(page.mutations()).extracting(PulledMutation::seq).containsExactly(seqs.get(1), seqs.get(2));
        assertThat(page.hasMore()).isFalse();
        assertThat(page.latestSeq()).isEqualTo(seqs.get(2));
        PulledMutation m = page.mutations().getFirst();
        assertThat(m.mutationId()).isEqualTo("r-a:2");
        assertThat(m.project()).isEqualTo("beta");
        assertThat(m.entity()).isEqualTo("session");
        assertThat(m.entityKey()).isEqualTo("s2");
        assertThat(m.op()).isEqualTo("upsert");
        assertThat(m.occurredAt()).isNotNull();
        JsonMapper json = JsonMapper.builder().build();
        assertThat(json.readTree(m.payloadJson())).isEqualTo(json.readTree(mutation("x", "beta", "s2").payloadJson()));
    }

    @Test
    void pullPagesByLimitWithHasMoreAndTheLatestSeq() {
        for (int i = 1; i <= 5; i++) {
            transport().push(List.of(mutation("r-a:" + i, "alpha", "s" + i)));
        }

        PullPage first = transport().pull(0, 2, 0);
        PullPage last = transport().pull(first.mutations().getLast().seq(), 10, 0);

        assertThat(first.mutations()).hasSize(2);
        assertThat(first.hasMore()).isTrue();
        assertThat(first.latestSeq()).isEqualTo(last.latestSeq());
        assertThat(last.mutations()).hasSize(3);
        assertThat(last.hasMore()).isFalse();
    }

    @Test
    void pullWithNothingNewIsAnEmptyFinalPage() {
        long seq = transport().push(List.of(mutation("r-a:1", "alpha", "s1"))).acceptedSeqs().getFirst();

        PullPage page = transport().pull(seq, 100, 0);

        assertThat(page.mutations()).isEmpty();
        assertThat(page.hasMore()).isFalse();
        assertThat(page.latestSeq()).isEqualTo(seq);
    }

    @Test
    void pushToAProjectTheTokenIsNotGrantedIsForbidden() {
        assertThatThrownBy(() -> transport().push(List.of(mutation("r-a:1", "forbidden", "s1"))))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(FailureClassifier.classify(e).reason()).isEqualTo(ReasonCode.POLICY_FORBIDDEN);
                });
        assertThat(transport().pull(0, 100, 0).mutations()).isEmpty();
    }
}
