package dev.engram.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.sync.DeadLetters;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A peer holding a valid token pushes a few thousand mutated entries (random fields, types, sizes, times,
 * versions, unicode, NUL characters, envelopes that disagree with their payloads) through the real server.
 * The server never answers 5xx; a replica that pulls whatever got stored keeps receiving, counts in
 * {@code dead_count} everything it could not apply, and a normal write afterwards reaches everyone.
 */
class HostilePeerFuzzTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int ENTRIES = 3_000;

    @TempDir
    Path dir;

    @Test
    void mutatedEntriesNeverBreakTheServerNorStopAReplica() throws Exception {
        try (Cloud cloud = Cloud.start(dir);
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            String alice = cloud.token("alice", "team");
            String mallory = cloud.token("mallory", "team");
            try (Replica a = Replica.in(dir, "alice").connect(cloud.url(), alice, "team");
                    Replica b = Replica.in(dir, "bob").connect(cloud.url(), alice, "team")) {
                a.save("team", "before the fuzz", "a normal memory");
                assertThat(a.sync().ok()).isTrue();
                SplittableRandom random = new SplittableRandom(20261127);
                TreeMap<Integer, Integer> statuses = new TreeMap<>();
                int sent = 0;
                while (sent < ENTRIES) {
                    int n = 1 + random.nextInt(5);
                    List<ObjectNode> batch = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        batch.add(mutated(random, sent + i));
                    }
                    sent += n;
                    ObjectNode body = JSON.createObjectNode();
                    body.putArray("entries").addAll(batch);
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(cloud.url() + "/sync/mutations/push"))
                            .header("Authorization", "Bearer " + mallory).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                            HttpResponse.BodyHandlers.ofString());
                    statuses.merge(response.statusCode(), 1, Integer::sum);
                    assertThat(response.statusCode()).as(response.body()).isLessThan(500);
                }
                long stored = cloud.stored(alice).stream().filter(m -> m.mutationId().startsWith("fuzz")).count();

                assertThat(a.sync().ok()).as("statuses %s", statuses).isTrue();

                long dead = a.persistedStatus().deadCount();
                assertThat(dead).isEqualTo(DeadLetters.list(a.store).size());
                assertThat(DeadLetters.list(a.store)).allSatisfy(l -> assertThat(l.error()).isNotBlank());
                assertThat(statuses.keySet()).as("the fuzz reached both sides of the check").contains(200, 400);
                assertThat(stored).isPositive();
                a.save("team", "after the fuzz", "still replicating");
                assertThat(a.sync().ok()).isTrue();
                assertThat(b.sync().ok()).isTrue();
                assertThat(b.searchIds("team", "after fuzz")).hasSize(1);
                assertThat(b.searchIds("team", "before fuzz")).hasSize(1);
                assertThat(a.persistedStatus().lastPulledSeq()).isEqualTo(a.persistedStatus().serverLatestSeq());
            }
        }
    }

    /** A valid observation entry with one to three random mutations. */
    static ObjectNode mutated(SplittableRandom r, int n) {
        String key = "obs-" + String.format("%016x", r.nextLong());
        ObjectNode payload = JSON.createObjectNode();
        payload.put("sync_id", key);
        payload.put("session_id", "fuzz-session");
        payload.put("type", "manual");
        payload.put("title", "fuzz " + n);
        payload.put("content", "fuzzed content " + n);
        payload.put("project", "team");
        payload.put("scope", "project");
        payload.put("revision_count", 1);
        payload.put("created_at", "2026-11-01T00:00:00.000Z");
        payload.put("updated_at", "2026-11-01T00:00:00.000Z");
        payload.put("version", String.format("%012x.0000.r-fuzz", 1_762_000_000_000L + n));
        ObjectNode entry = JSON.createObjectNode();
        entry.put("mutation_id", "fuzz:" + n);
        entry.put("project", "team");
        entry.put("entity", "observation");
        entry.put("entity_key", key);
        entry.put("op", "upsert");
        entry.set("payload", payload);
        int mutations = 1 + r.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            mutate(r, entry, payload);
        }
        return entry;
    }

    private static final String[] FIELDS = {"sync_id", "session_id", "type", "title", "content", "project", "scope", "revision_count",
        "created_at", "updated_at", "deleted_at", "version", "topic_key", "tool_name"};
    private static final String[] ENVELOPE = {"mutation_id", "project", "entity", "entity_key", "op"};

    private static void mutate(SplittableRandom r, ObjectNode entry, ObjectNode payload) {
        String field = FIELDS[r.nextInt(FIELDS.length)];
        switch (r.nextInt(16)) {
            case 0 -> payload.remove(field);
            case 1 -> payload.put(field, r.nextInt());
            case 2 -> payload.putNull(field);
            case 3 -> payload.put(field, "x".repeat(200 + r.nextInt(2_000)));
            case 4 -> payload.put(field, "+999999999-01-01T00:00:00Z");
            case 5 -> payload.put(field, "1969-07-20T20:17:00Z");
            case 6 -> payload.put("version", r.nextBoolean() ? "ffffffffffff.ffff.x" : "0001-r1");
            case 7 -> payload.put(field, "nul\u0000byte");
            case 8 -> payload.put(field, "\uD83E\uDDE0 \u202Eunicode\u200B \u0301");
            case 9 -> payload.put("project", r.nextBoolean() ? "secret" : "Team");
            case 10 -> entry.put("entity_key", "obs-" + String.format("%016x", r.nextLong()));
            case 11 -> entry.put(ENVELOPE[r.nextInt(ENVELOPE.length)], r.nextBoolean() ? "" : "s".repeat(300));
            case 12 -> entry.put("entity", r.nextBoolean() ? "session" : "prompt");
            case 13 -> entry.put("op", "delete");
            case 14 -> payload.putArray(field).add(1).addObject().put("a", "b");
            default -> payload.put("updated_at", String.format("2026-11-%02dT00:00:00.000Z", 1 + r.nextInt(27)));
        }
    }
}
