package dev.engram.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** The records read and write the contract's snake_case JSON with any plain mapper. */
class WireRecordsTest {
    private final ObjectMapper json = JsonMapper.builder().build();

    @Test
    void aPushRequestWritesContractNames() {
        PushRequest request = new PushRequest(List.of(new PushEntry("r1:1", "p", MutationEntity.OBSERVATION, "obs-1", MutationOp.UPSERT,
                json.readTree("{\"sync_id\":\"obs-1\"}"))));
        assertThat(json.writeValueAsString(request)).isEqualTo(
                "{\"entries\":[{\"mutation_id\":\"r1:1\",\"project\":\"p\",\"entity\":\"observation\",\"entity_key\":\"obs-1\",\"op\":\"upsert\",\"payload\":{\"sync_id\":\"obs-1\"}}]}");
    }

    @Test
    void aPullResponseReadsBack() {
        PullResponse r = json.readValue("{\"mutations\":[{\"seq\":3,\"mutation_id\":\"m\",\"project\":\"p\",\"entity\":\"prompt\",\"entity_key\":\"k\","
                + "\"op\":\"delete\",\"payload\":{\"sync_id\":\"k\",\"deleted\":true},\"occurred_at\":\"2026-11-27T06:00:00.123Z\"}],\"has_more\":true,\"latest_seq\":9}",
                PullResponse.class);
        assertThat(r.hasMore()).isTrue();
        assertThat(r.latestSeq()).isEqualTo(9);
        assertThat(r.mutations().getFirst().entity()).isEqualTo(MutationEntity.PROMPT);
        assertThat(r.mutations().getFirst().op()).isEqualTo(MutationOp.DELETE);
        assertThat(r.mutations().getFirst().payload().get("deleted").asBoolean()).isTrue();
    }

    @Test
    void errorResponsesReadBackWithDetails() {
        ErrorResponse e = json.readValue("{\"error_code\":\"invalid_request\",\"error\":\"x\",\"details\":[{\"index\":2,\"field\":\"op\",\"problem\":\"bad\"}]}",
                ErrorResponse.class);
        assertThat(e.details()).containsExactly(ErrorDetail.atEntry(2, "op", "bad"));
        assertThat(json.readValue("{\"accepted_seqs\":[1,2]}", PushResponse.class).acceptedSeqs()).containsExactly(1L, 2L);
    }
}
