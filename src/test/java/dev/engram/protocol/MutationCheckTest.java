package dev.engram.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class MutationCheckTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final MutationCheck.Envelope OBS = new MutationCheck.Envelope("r-1:1", "team", "observation", "obs-1", "upsert");

    static ObjectNode observation() {
        ObjectNode n = JSON.createObjectNode();
        n.put("sync_id", "obs-1");
        n.put("session_id", "s-1");
        n.put("type", "decision");
        n.put("title", "Use WAL");
        n.put("content", "Readers never block writers");
        n.put("project", "team");
        n.put("scope", "project");
        n.put("revision_count", 1);
        n.put("created_at", "2026-11-27T11:00:00.000Z");
        n.put("updated_at", "2026-11-27T11:00:00.000Z");
        n.putNull("deleted_at");
        n.put("version", "019ac5a1b2c3.0000.r-1");
        return n;
    }

    private static List<String> fields(List<ErrorDetail> problems) {
        return problems.stream().map(ErrorDetail::field).toList();
    }

    @Test
    void aWellFormedObservationPasses() {
        assertThat(MutationCheck.check(OBS, observation(), NOW)).isEmpty();
    }

    @Test
    void aPayloadForAnotherProjectThanItsEnvelopeIsRefused() {
        ObjectNode p = observation().put("project", "secret");
        assertThat(fields(MutationCheck.check(OBS, p, NOW))).containsExactly("payload.project");
    }

    @Test
    void aPayloadForAnotherKeyThanItsEnvelopeIsRefused() {
        ObjectNode p = observation().put("sync_id", "obs-victim");
        assertThat(fields(MutationCheck.check(OBS, p, NOW))).containsExactly("payload.sync_id");
    }

    @Test
    void aProjectSpelledDifferentlyButNormalizingToTheEnvelopesAgrees() {
        ObjectNode p = observation().put("project", "  Team ");
        assertThat(MutationCheck.check(OBS, p, NOW)).isEmpty();
    }

    @Test
    void farFutureAndPreEpochTimesAreRefused() {
        ObjectNode p = observation().put("created_at", "+999999999-01-01T00:00:00Z").put("updated_at", "1969-12-31T23:59:59Z");
        assertThat(fields(MutationCheck.check(OBS, p, NOW))).containsExactly("payload.created_at", "payload.updated_at");
    }

    @Test
    void aTimeWithinADayOfNowIsFine() {
        ObjectNode p = observation().put("updated_at", "2026-11-28T11:59:00Z");
        assertThat(MutationCheck.check(OBS, p, NOW)).isEmpty();
    }

    @Test
    void malformedAndFarFutureVersionsAreRefused() {
        assertThat(fields(MutationCheck.check(OBS, observation().put("version", "ffffffffffff.ffff.x"), NOW)))
                .containsExactly("payload.version");
        assertThat(fields(MutationCheck.check(OBS, observation().put("version", "0001-r1"), NOW))).containsExactly("payload.version");
        assertThat(fields(MutationCheck.check(OBS, observation().put("version", "019ac5a1b2c3.0000.r 1"), NOW)))
                .containsExactly("payload.version");
        assertThat(fields(MutationCheck.check(OBS, observation().without("version"), NOW))).containsExactly("payload.version");
    }

    @Test
    void overLongKeysAndTextsAreRefusedWithTheirLength() {
        ObjectNode p = observation().put("session_id", "s".repeat(300)).put("title", "t".repeat(1001)).put("topic_key", "k".repeat(257));
        List<ErrorDetail> problems = MutationCheck.check(OBS, p, NOW);
        assertThat(fields(problems)).containsExactlyInAnyOrder("payload.session_id", "payload.title", "payload.topic_key");
        assertThat(problems.getFirst().problem()).contains("300 characters long, at most 256");
    }

    @Test
    void aNulCharacterAnywhereIsRefused() {
        ObjectNode p = observation().put("content", "a\0b");
        p.putObject("extra").putArray("list").add("x\0");
        assertThat(fields(MutationCheck.check(OBS, p, NOW))).containsExactlyInAnyOrder("payload.content", "payload.extra.list[0]");
        MutationCheck.Envelope nulKey = new MutationCheck.Envelope("r-1:1", "team", "observation", "obs-1\0", "upsert");
        assertThat(fields(MutationCheck.check(nulKey, observation(), NOW))).contains("entity_key");
    }

    @Test
    void wrongTypesAreNamed() {
        ObjectNode p = observation();
        p.put("title", 5);
        p.put("revision_count", -1);
        p.put("scope", "everyone");
        assertThat(fields(MutationCheck.check(OBS, p, NOW)))
                .containsExactlyInAnyOrder("payload.title", "payload.revision_count", "payload.scope");
    }

    @Test
    void aHardDeleteNeedsOnlyItsKeyAndTime() {
        MutationCheck.Envelope del = new MutationCheck.Envelope("r-1:2", "team", "observation", "obs-1", "delete");
        ObjectNode p = JSON.createObjectNode().put("sync_id", "obs-1").put("deleted", true)
                .put("deleted_at", "2026-11-27T11:00:00Z").put("hard_delete", true).put("version", "019ac5a1b2c3.0001.r-1");
        assertThat(MutationCheck.check(del, p, NOW)).isEmpty();
        assertThat(fields(MutationCheck.check(del, p.put("sync_id", "obs-2"), NOW))).containsExactly("payload.sync_id");
    }

    @Test
    void deletesOfSessionsAndPromptsAreNotPartOfTheProtocol() {
        MutationCheck.Envelope del = new MutationCheck.Envelope("r-1:2", "team", "session", "s-1", "delete");
        ObjectNode p = JSON.createObjectNode().put("id", "s-1").put("deleted", true).put("deleted_at", "2026-11-27T11:00:00Z")
                .put("version", "019ac5a1b2c3.0001.r-1");
        assertThat(fields(MutationCheck.check(del, p, NOW))).containsExactly("op");
    }

    @Test
    void aPushEntryOfAnyShapeGetsProblemsNotExceptions() {
        for (String raw : List.of("5", "null", "[]", "{}", "{\"payload\":[]}", "{\"mutation_id\":7,\"payload\":{\"sync_id\":{}}}",
                "{\"mutation_id\":\"a\",\"project\":\"P\",\"entity\":\"x\",\"entity_key\":\"k\",\"op\":\"y\",\"payload\":{\"version\":\"\"}}")) {
            JsonNode entry = JSON.readTree(raw);
            assertThat(MutationCheck.checkEntry(3, entry, NOW)).as(raw).isNotEmpty().allSatisfy(d -> assertThat(d.index()).isEqualTo(3));
        }
    }

    @Test
    void aValidPushEntryPasses() {
        ObjectNode entry = JSON.createObjectNode().put("mutation_id", "r-1:1").put("project", "team").put("entity", "observation")
                .put("entity_key", "obs-1").put("op", "upsert");
        entry.set("payload", observation());
        assertThat(MutationCheck.checkEntry(0, entry, NOW)).isEmpty();
    }
}
