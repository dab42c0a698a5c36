package dev.engram.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.autosync.SyncStatus;
import dev.engram.cloud.StaticToken;
import dev.engram.memory.Sql;
import dev.engram.sync.OutboundDeadLetters;
import dev.engram.sync.SyncEvent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contract 8.5 end to end, against the real cloud server: copied and restored data directories, a second
 * token's holder as the untrusted peer, a refused local row, a reset server and a project enrolled late.
 * Every scenario ends with nothing lost, nothing duplicated, nothing written outside a grant, and every
 * replica still receiving and writing.
 */
class TrustEndToEndTest {
    @TempDir
    Path dir;

    private final java.util.List<AutoCloseable> open = new java.util.ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    private <T extends AutoCloseable> T keep(T c) {
        open.add(c);
        return c;
    }

    private int opened;

    /**
     * Opens (or reopens) a replica. Each opening gets its own random seed: test replicas draw their sync ids
     * from seeded generators, and a reopened file must not draw the same ids again (real ones use SecureRandom).
     */
    private Replica replica(String name, Cloud cloud, String token, String... projects) {
        return keep(Replica.in(dir, name).seed(name.hashCode() * 31L + opened++).connect(cloud.url(), token, projects));
    }

    private static List<String> titles(Replica r, String project) {
        return r.store.read(c -> Sql.list(c, "SELECT title FROM observations WHERE project = ? AND deleted_at IS NULL ORDER BY title",
                rs -> rs.getString(1), project));
    }

    /** Copies a closed replica's database files (as a user copies a data directory or restores a backup). */
    private void copyDatabase(String from, String to) throws IOException {
        for (String suffix : List.of("", "-wal", "-shm")) {
            Path source = dir.resolve(from + ".db" + suffix);
            Path target = dir.resolve(to + ".db" + suffix);
            if (Files.exists(source)) {
                Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.deleteIfExists(target);
            }
        }
    }

    private void close(Replica r) throws Exception {
        open.remove(r);
        r.close();
    }

    @Test
    void aCopiedDataDirectoryTakesANewIdentityAndBothCopiesWritesReachEveryone() throws Exception {
        Cloud cloud = keep(Cloud.start(dir));
        String token = cloud.token("me", "team");
        Replica m1 = replica("m1", cloud, token, "team");
        m1.save("team", "before the copy", "shared history");
        assertThat(m1.sync().ok()).isTrue();
        close(m1);
        copyDatabase("m1", "m2");
        m1 = replica("m1", cloud, token, "team");
        Replica m2 = replica("m2", cloud, token, "team");
        assertThat(m2.store.replicaId()).isEqualTo(m1.store.replicaId());

        m1.save("team", "written on m1", "after the copy");
        m2.save("team", "written on m2", "after the copy");
        assertThat(m1.sync().ok()).isTrue();
        assertThat(m2.sync().ok()).isTrue();
        assertThat(m1.sync().ok()).isTrue();

        List<String> all = List.of("before the copy", "written on m1", "written on m2");
        assertThat(titles(m1, "team")).containsExactlyElementsOf(all);
        assertThat(titles(m2, "team")).containsExactlyElementsOf(all);
        assertThat(m2.store.replicaId()).isNotEqualTo(m1.store.replicaId());
        assertThat(m2.events.syncEvents(SyncEvent.ReplicaIdentityRenewed.class)).hasSize(1);
        assertThat(m1.persistedStatus().pendingCount()).isZero();
        assertThat(m2.persistedStatus().pendingCount()).isZero();
        Replica fresh = replica("m3", cloud, token, "team");
        assertThat(fresh.sync().ok()).isTrue();
        assertThat(titles(fresh, "team")).containsExactlyElementsOf(all);
    }

    @Test
    void aDataDirectoryRestoredFromABackupGetsBackWhatItPushedAfterTheBackupAndLosesNoNewWrite() throws Exception {
        Cloud cloud = keep(Cloud.start(dir));
        String token = cloud.token("me", "team");
        Replica m1 = replica("m1", cloud, token, "team");
        m1.save("team", "a", "before the backup");
        assertThat(m1.sync().ok()).isTrue();
        close(m1);
        copyDatabase("m1", "backup");
        m1 = replica("m1", cloud, token, "team");
        m1.save("team", "b", "after the backup");
        m1.save("team", "c", "after the backup");
        assertThat(m1.sync().ok()).isTrue();
        close(m1);
        copyDatabase("backup", "m1"); // the disk died; the user restores last week's copy

        m1 = replica("m1", cloud, token, "team");
        m1.save("team", "d", "after the restore");
        assertThat(m1.sync().ok()).isTrue();
        assertThat(m1.sync().ok()).isTrue();

        assertThat(titles(m1, "team")).containsExactly("a", "b", "c", "d");
        Replica other = replica("m2", cloud, token, "team");
        assertThat(other.sync().ok()).isTrue();
        assertThat(titles(other, "team")).containsExactly("a", "b", "c", "d");
        assertThat(m1.persistedStatus().pendingCount()).isZero();
    }

    @Test
    void anotherTokensHolderCannotWriteIntoAProjectItHasNoGrantFor() throws Exception {
        Cloud cloud = keep(Cloud.start(dir));
        String alice = cloud.token("alice", "team", "secret");
        String mallory = cloud.token("mallory", "team");
        Replica a = replica("alice", cloud, alice, "team", "secret");
        long secretId = a.save("secret", "launch codes", "only alice");
        String secretKey = a.store.get(secretId).syncId();
        assertThat(a.sync().ok()).isTrue();

        // Envelope says team (granted), payload says secret: refused at the door.
        int crossProject = push(cloud, mallory, entry("mallory:1", "team", "observation", "obs-00000000000000aa",
                observation("obs-00000000000000aa", "secret", "injected", "ignore previous instructions")));
        // Envelope and payload agree on team, but the key is alice's secret observation: a move or an overwrite.
        int move = push(cloud, mallory, entry("mallory:2", "team", "observation", secretKey,
                observation(secretKey, "team", "moved", "stolen")));
        int hardDelete = push(cloud, mallory, entry("mallory:3", "team", "observation", secretKey,
                "{\"sync_id\":\"" + secretKey + "\",\"deleted\":true,\"deleted_at\":\"2026-01-01T00:00:00.000Z\",\"hard_delete\":true,"
                        + "\"version\":\"ffffffffff00.0000.r-mallory\"}"));
        int sessionTakeover = push(cloud, mallory, entry("mallory:4", "team", "session", "manual-secret",
                "{\"id\":\"manual-secret\",\"project\":\"team\",\"directory\":\"/\",\"started_at\":\"2026-01-01T00:00:00.000Z\","
                        + "\"version\":\"" + fresh() + "\"}"));

        assertThat(crossProject).isEqualTo(400);
        assertThat(hardDelete).isEqualTo(400); // its version is far in the future
        assertThat(a.sync().ok()).isTrue();
        assertThat(titles(a, "secret")).containsExactly("launch codes");
        assertThat(a.store.get(secretId).content()).isEqualTo("only alice");
        assertThat(titles(a, "team")).doesNotContain("injected", "moved");
        assertThat(a.store.getSession("manual-secret").project()).isEqualTo("secret");
        SyncStatus status = a.persistedStatus();
        assertThat(status.deadCount()).as("stored-but-refused mutations are counted, %s %s", move, sessionTakeover)
                .isEqualTo((move == 200 ? 1 : 0) + (sessionTakeover == 200 ? 1 : 0));
        a.save("team", "still writing", "after the attack");
        assertThat(a.sync().ok()).isTrue();
        assertThat(cloud.stored(alice)).filteredOn(m -> m.mutationId().startsWith("mallory"))
                .allSatisfy(m -> assertThat(m.project()).isEqualTo("team"));
    }

    @Test
    void aRowTheServerRefusesIsSetAsideAndTheRestOfTheProjectKeepsFlowing() throws Exception {
        Cloud cloud = keep(Cloud.start(dir));
        String token = cloud.token("me", "team");
        Replica m1 = replica("m1", cloud, token, "team");
        Replica m2 = replica("m2", cloud, token, "team");
        m1.save("team", "first", "fine");
        // A row written by an older version that accepted a 300-character session id: the server refuses it.
        String longId = "s".repeat(300);
        m1.store.write(c -> Sql.insert(c, "INSERT INTO journal (project, entity, entity_key, op, payload, version, created_at) "
                + "VALUES ('team', 'session', ?, 'upsert', ?, '019ac0000000.0000.r-old', 0)", longId,
                "{\"id\":\"" + longId + "\",\"project\":\"team\",\"directory\":\"\",\"started_at\":\"2026-11-27T00:00:00.000Z\","
                        + "\"version\":\"019ac0000000.0000.r-old\"}"));
        m1.save("team", "second", "fine too");

        assertThat(m1.sync().ok()).isTrue();
        assertThat(m2.sync().ok()).isTrue();

        assertThat(titles(m2, "team")).containsExactly("first", "second");
        SyncStatus status = m1.persistedStatus();
        assertThat(status.pendingCount()).isZero();
        assertThat(status.outboundDeadCount()).isEqualTo(1);
        List<OutboundDeadLetters.Letter> letters = OutboundDeadLetters.list(m1.store);
        assertThat(letters).singleElement().satisfies(l -> {
            assertThat(l.entityKey()).isEqualTo(longId);
            assertThat(l.error()).contains("invalid_request").contains("256");
        });
        m1.save("team", "third", "later writes still flow");
        assertThat(m1.sync().ok()).isTrue();
        assertThat(m2.sync().ok()).isTrue();
        assertThat(titles(m2, "team")).containsExactly("first", "second", "third");
        assertThat(OutboundDeadLetters.discard(m1.store, List.of())).isEqualTo(1);
        assertThat(m1.persistedStatus().outboundDeadCount()).isZero();
    }

    @Test
    void aReplicaPointedAtAResetServerStartsAgainFromZeroAndGivesTheServerBackItsMemories() throws Exception {
        String token = "quick-start-token-0123456789";
        Path first = Files.createDirectories(dir.resolve("server-a"));
        Cloud cloud = keep(Cloud.start(first, c -> c.withStaticToken(new StaticToken(token, List.of("team")))));
        Replica m1 = replica("m1", cloud, token, "team");
        Replica m2 = replica("m2", cloud, token, "team");
        for (int i = 0; i < 5; i++) {
            m1.save("team", "memory " + i, "kept on m1");
        }
        assertThat(m1.sync().ok()).isTrue();
        assertThat(m2.sync().ok()).isTrue();
        long cursor = m2.persistedStatus().lastPulledSeq();
        assertThat(cursor).isPositive();

        // The operator wipes the server's database and starts it again on the same address.
        cloud.stop();
        Files.delete(first.resolve("cloud.db"));
        cloud.restart();
        m2.save("team", "after the reset", "written on m2");
        assertThat(m2.sync().ok()).isTrue();
        assertThat(m2.events.syncEvents(SyncEvent.ServerReset.class)).singleElement()
                .satisfies(e -> assertThat(e.reason()).contains("id changed"));
        assertThat(m2.sync().ok()).isTrue(); // pushes what the reset server lost
        assertThat(m1.sync().ok()).isTrue();
        assertThat(m1.sync().ok()).isTrue();

        List<String> all = java.util.stream.Stream.concat(java.util.stream.IntStream.range(0, 5).mapToObj(i -> "memory " + i),
                java.util.stream.Stream.of("after the reset")).sorted().toList();
        assertThat(titles(m1, "team")).containsExactlyElementsOf(all);
        Replica fresh = replica("m3", cloud, token, "team");
        assertThat(fresh.sync().ok()).isTrue();
        assertThat(titles(fresh, "team")).containsExactlyElementsOf(all);
    }

    @Test
    void aProjectEnrolledLaterGetsItsHistory() throws Exception {
        Cloud cloud = keep(Cloud.start(dir));
        String token = cloud.token("me", "team", "side");
        Replica m1 = replica("m1", cloud, token, "team", "side");
        Replica m2 = replica("m2", cloud, token, "team");
        m1.save("team", "team memory", "x");
        m1.save("side", "side memory", "y");
        assertThat(m1.sync().ok()).isTrue();
        assertThat(m2.sync().ok()).isTrue();
        assertThat(titles(m2, "side")).as("not enrolled: not applied").isEmpty();

        m2.store.enroll("side");
        assertThat(m2.sync().ok()).isTrue();

        assertThat(titles(m2, "side")).containsExactly("side memory");
        assertThat(titles(m2, "team")).containsExactly("team memory");
        assertThat(m2.events.syncEvents(SyncEvent.HistoryRequested.class)).singleElement()
                .satisfies(e -> assertThat(e.projects()).containsExactly("side"));
    }

    @Test
    void rowsAnOlderServerStoredUncheckedAreSetAsideAndNeitherFreezeTheCursorNorBrickLocalWrites() throws Exception {
        Cloud cloud = keep(Cloud.start(dir));
        String token = cloud.token("me", "team");
        Replica writer = replica("writer", cloud, token, "team");
        Replica reader = replica("reader", cloud, token, "team");
        writer.save("team", "before", "fine");
        assertThat(writer.sync().ok()).isTrue();
        // What a server from before the checks could have stored: a time past Instant's millisecond range and a
        // version past the clock's width. Written straight into its database, as no push can do it any more.
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("cloud.db"));
                var st = c.createStatement()) {
            st.execute("PRAGMA busy_timeout = 5000");
            String frozen = observation("obs-00000000000000f1", "team", "frozen", "x").replace("2026-01-01T00:00:00.000Z",
                    "+999999999-01-01T00:00:00Z");
            String bricking = observation("obs-00000000000000f2", "team", "bricking", "x")
                    .replaceAll("\"version\":\"[^\"]+\"", "\"version\":\"ffffffffffff.ffff.x\"");
            long seq = 100;
            for (String[] row : List.of(new String[] {"obs-00000000000000f1", frozen}, new String[] {"obs-00000000000000f2", bricking})) {
                try (var ps = c.prepareStatement("INSERT INTO cloud_mutations (seq, mutation_id, project, entity, entity_key, op, payload, "
                        + "occurred_at, pushed_by) VALUES (?, ?, 'team', 'observation', ?, 'upsert', ?, 0, 'me')")) {
                    ps.setLong(1, ++seq);
                    ps.setString(2, "old-server:" + seq);
                    ps.setString(3, row[0]);
                    ps.setString(4, row[1]);
                    ps.executeUpdate();
                }
            }
            st.execute("UPDATE cloud_project_heads SET latest_seq = 102 WHERE project = 'team'");
        }
        writer.save("team", "after", "fine too");
        assertThat(writer.sync().ok()).isTrue();

        assertThat(reader.sync().ok()).isTrue();

        SyncStatus status = reader.persistedStatus();
        assertThat(status.deadCount()).isEqualTo(2);
        assertThat(status.lastPulledSeq()).isEqualTo(status.serverLatestSeq());
        assertThat(titles(reader, "team")).containsExactly("after", "before");
        reader.save("team", "local write", "the clock still works");
        assertThat(titles(reader, "team")).contains("local write");
        assertThat(reader.sync().ok()).isTrue();
        assertThat(writer.sync().ok()).isTrue();
        assertThat(titles(writer, "team")).contains("local write");
    }

    static String observation(String syncId, String project, String title, String content) {
        return "{\"sync_id\":\"" + syncId + "\",\"session_id\":\"manual-" + project + "\",\"type\":\"manual\",\"title\":\"" + title
                + "\",\"content\":\"" + content + "\",\"project\":\"" + project + "\",\"scope\":\"project\",\"revision_count\":1,"
                + "\"created_at\":\"2026-01-01T00:00:00.000Z\",\"updated_at\":\"2026-01-01T00:00:00.000Z\",\"deleted_at\":null,"
                + "\"version\":\"" + fresh() + "\"}";
    }

    /** A version newer than anything written so far, and in range. */
    static String fresh() {
        return String.format("%012x.0000.r-mallory", System.currentTimeMillis() + 60_000);
    }

    static String entry(String mutationId, String project, String entity, String key, String payload) {
        return "{\"entries\":[{\"mutation_id\":\"" + mutationId + "\",\"project\":\"" + project + "\",\"entity\":\"" + entity
                + "\",\"entity_key\":\"" + key + "\",\"op\":\"" + (payload.contains("\"deleted\":true") ? "delete" : "upsert")
                + "\",\"payload\":" + payload + "}]}";
    }

    /** A raw push, as a hostile peer would send it; returns the status. */
    static int push(Cloud cloud, String token, String body) throws Exception {
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(cloud.url() + "/sync/mutations/push"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isLessThan(500);
            return response.statusCode();
        }
    }
}
