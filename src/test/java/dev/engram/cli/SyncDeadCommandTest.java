package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.memory.SqliteMemoryStore;
import dev.engram.memory.Sql;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SyncDeadCommandTest {
    @TempDir
    Path dir;

    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of("--data-dir", dir.resolve("data").toString()));
        all.addAll(List.of(args));
        List<Object> commands = new ArrayList<>(MemoryCommands.all());
        commands.add(MemoryCommands.sync(new dev.engram.app.ReplicationWiring(java.util.Map.of())));
        return CliRun.of(commands, all.toArray(String[]::new));
    }

    /** Two refused local writes and one pulled mutation that could not be applied, as a sync pass leaves them. */
    @BeforeEach
    void setAsideSomeRows() {
        try (SqliteMemoryStore store = SqliteMemoryStore.open(dir.resolve("data"))) {
            store.enroll("team");
            store.write(c -> {
                for (int i = 1; i <= 2; i++) {
                    Sql.update(c, "INSERT INTO sync_outbound_dead (journal_seq, mutation_id, project, entity, entity_key, op, payload, "
                            + "version, created_at, field, error, dead_at) VALUES (?, ?, 'team', 'session', ?, 'upsert', '{}', "
                            + "'019ac0000000.0000.r-x', 0, 'payload.id', 'invalid_request: payload.id is 300 characters long, at most 256', 0)",
                            i, "r-x:" + i, "s-" + i);
                }
                Sql.update(c, "INSERT INTO sync_dead_letters (seq, mutation_id, project, entity, entity_key, op, payload, error, dead_at) "
                        + "VALUES (7, 'r-peer:1', 'team', 'observation', 'obs-1', 'upsert', '{}', 'payload.version is required', 0)");
                return null;
            });
        }
    }

    @Test
    void listsOutboundAndInboundLettersWithTheirReasons() {
        CliRun text = run("sync", "dead");
        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).contains("payload.id is 300 characters long").contains("payload.version is required")
                .contains("--retry");

        JsonNode json = JsonMapper.builder().build().readTree(run("sync", "dead", "--json").out());
        assertThat(json.get("outbound")).hasSize(2);
        assertThat(json.get("inbound")).hasSize(1);
        assertThat(json.get("inbound").get(0).get("seq").intValue()).isEqualTo(7);
        assertThat(json.get("outbound").get(0).get("mutation_id").stringValue()).isEqualTo("r-x:1");
    }

    @Test
    void retryPutsTheNamedLetterBackInTheJournalAndDiscardDropsTheRest() {
        assertThat(run("sync", "dead", "--retry", "1").out()).contains("Queued again: 1");
        assertThat(run("sync", "status", "--json").out()).contains("\"outbound_dead_count\" : 1").contains("\"pending_count\" : 1");
        assertThat(run("sync", "dead", "--discard").out()).contains("Discarded: 1");
        assertThat(run("sync", "dead", "--json").out()).contains("\"outbound\" : [ ]");
    }

    @Test
    void aBadIdIsAUsageErrorThatChangesNothing() {
        CliRun bad = run("sync", "dead", "--discard", "one");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("ID");
        CliRun idsWithoutAction = run("sync", "dead", "1");
        assertThat(idsWithoutAction.exitCode()).isEqualTo(2);
        assertThat(JsonMapper.builder().build().readTree(run("sync", "dead", "--json").out()).get("outbound")).hasSize(2);
    }
}
