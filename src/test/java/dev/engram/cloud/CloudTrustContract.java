package dev.engram.cloud;

import static dev.engram.cloud.Mutations.body;
import static dev.engram.cloud.Mutations.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.cloud.CloudHttp.Reply;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Contract 8.5 on the server, against a real server over each store ({@link SqliteCloudTrustTest},
 * {@link PostgresCloudTrustTest}). {@code owner} is granted {@code team} and {@code secret};
 * {@code peer}, the untrusted second token, only {@code team}.
 */
abstract class CloudTrustContract {
    private static final int MIB = 1024 * 1024;

    protected CloudDatabaseUrl db;
    protected CloudServer server;
    protected CloudHttp http;
    protected String owner;
    protected String peer;

    /** A fresh, empty database; may be called more than once per test. */
    protected abstract CloudDatabaseUrl newDatabase();

    /** A plain JDBC connection to {@code database}, to look at or rewind its schema. */
    protected abstract Connection connect(CloudDatabaseUrl database) throws SQLException;

    /** Drops the databases made for the test, after every server let go of them. */
    protected void dropDatabases() {
    }

    @BeforeEach
    void startServer() {
        db = newDatabase();
        start(c -> c);
        owner = server.tokens().create("owner", List.of("team", "secret")).token();
        peer = server.tokens().create("peer", List.of("team")).token();
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
        dropDatabases();
    }

    private void start(UnaryOperator<CloudServerConfig> tweak) {
        server = CloudServer.start(tweak.apply(CloudServerConfig.defaults().withPort(0).withDatabase(db).withVersion("test")));
        http = new CloudHttp(server.baseUri());
    }

    private void restart(UnaryOperator<CloudServerConfig> tweak) {
        server.close();
        server = null;
        start(tweak);
    }

    // ---- envelope and payload agree

    @Test
    void aTokenGrantedOneProjectCannotWriteIntoAnotherThroughThePayload() {
        Reply r = http.push(peer, body(entry("p:1", "team", "observation", "obs-1", "upsert", Mutations.observation("obs-1", "secret", "injected"))));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("invalid_request");
        assertThat(problems(r)).containsExactly("0:payload.project");
        assertThat(http.pull(owner, "since_seq=0").json().get("mutations")).isEmpty();
    }

    @Test
    void aPayloadWhoseKeyOrProjectDiffersFromTheEnvelopeIsRefusedNamingTheField() {
        Reply r = http.push(peer, body(
                entry("k:0", "team", "observation", "obs-mine", "upsert", Mutations.observation("obs-victim", "team", "c")),
                entry("k:1", "team", "session", "s-mine", "upsert",
                        "{\"id\":\"manual-secret\",\"project\":\"team\",\"started_at\":\"2026-01-02T06:00:00.123Z\",\"version\":\"0192f3a4b5c6.0000.r-1\"}"),
                entry("k:2", "team", "observation", "obs-mine", "delete",
                        "{\"sync_id\":\"obs-victim\",\"deleted\":true,\"deleted_at\":\"2026-01-02T06:00:00.123Z\",\"hard_delete\":true,\"version\":\"0192f3a4b5c6.0000.r-1\"}"),
                entry("k:3", "team", "observation", "obs-mine", "delete",
                        "{\"sync_id\":\"obs-mine\",\"project\":\"secret\",\"deleted\":true,\"deleted_at\":\"2026-01-02T06:00:00.123Z\",\"hard_delete\":true,\"version\":\"0192f3a4b5c6.0000.r-1\"}"),
                entry("k:4", "team")));

        assertThat(r.status()).isEqualTo(400);
        assertThat(problems(r)).containsExactlyInAnyOrder("0:payload.sync_id", "1:payload.id", "2:payload.sync_id", "3:payload.project");
        assertThat(http.pull(owner, "since_seq=0").json().get("mutations")).isEmpty();
    }

    @Test
    void aPayloadProjectSpelledDifferentlyButNormalizingToTheEnvelopesIsAccepted() {
        Reply r = http.push(peer, body(entry("n:1", "team", "observation", "obs-1", "upsert", Mutations.observation("obs-1", " Team", "c"))));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    @Test
    void duplicateKeysInAPayloadAreRefused() {
        String payload = Mutations.observation("obs-1", "secret", "c").replaceFirst("\\{", "{\"project\":\"team\",");
        Reply r = http.push(peer, body(entry("d:1", "team", "observation", "obs-1", "upsert", payload)));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asString()).contains("Duplicate");
        assertThat(http.pull(owner, "since_seq=0").json().get("mutations")).isEmpty();
    }

    // ---- idempotency never swallows a write

    @Test
    void anExactRepeatStoresNothingAndAnswersTheFirstSeq() {
        long first = seqs(http.push(peer, body(entry("r:1", "team")))).getFirst();
        Reply again = http.push(peer, body(entry("r:1", "team"), entry("r:2", "team")));

        assertThat(again.status()).isEqualTo(200);
        assertThat(seqs(again).getFirst()).isEqualTo(first);
        assertThat(http.pull(owner, "since_seq=0").json().get("mutations")).hasSize(2);
    }

    @Test
    void theSameMutationIdWithAnotherPayloadGets409AndTheFirstWriteStays() {
        http.push(peer, body(entry("r:1", "team", "observation", "obs-1", "upsert", Mutations.observation("obs-1", "team", "first"))));

        Reply r = http.push(peer, body(entry("r:1", "team", "observation", "obs-1", "upsert", Mutations.observation("obs-1", "team", "second"))));

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.errorCode()).isEqualTo("mutation_conflict");
        assertThat(problems(r)).containsExactly("0:mutation_id");
        JsonNode stored = http.pull(owner, "since_seq=0").json().get("mutations");
        assertThat(stored).singleElement().satisfies(m -> assertThat(m.get("payload").get("content").asString()).isEqualTo("first"));
    }

    @Test
    void theSameMutationIdFromAnotherTokenGets409EvenWithTheSamePayload() {
        http.push(owner, body(entry("r:1", "team")));

        Reply r = http.push(peer, body(entry("r:1", "team")));

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.errorCode()).isEqualTo("mutation_conflict");
        assertThat(r.json().get("details").get(0).get("problem").asString()).contains("another origin").doesNotContain("owner");
        assertThat(http.pull(owner, "since_seq=0").json().get("mutations")).hasSize(1);
    }

    @Test
    void aConflictRefusesTheWholePushListingEveryConflictingEntryEvenWithinThePush() {
        http.push(peer, body(entry("c:0", "team")));

        Reply r = http.push(peer, body(
                entry("c:1", "team"),
                entry("c:0", "team", "observation", "obs-c0", "upsert", Mutations.observation("obs-c0", "team", "changed")),
                entry("c:2", "team"),
                entry("c:1", "team", "observation", "obs-c1", "upsert", Mutations.observation("obs-c1", "team", "changed")),
                entry("c:2", "team")));

        assertThat(r.status()).isEqualTo(409);
        assertThat(problems(r)).containsExactly("1:mutation_id", "3:mutation_id");
        assertThat(r.json().get("details").get(1).get("problem").asString()).contains("entry 0");
        assertThat(http.pull(owner, "since_seq=0").json().get("mutations")).extracting(m -> m.get("mutation_id").asString()).containsExactly("c:0");
        assertThat(http.push(peer, body(entry("c:1", "team"), entry("c:2", "team"))).status()).isEqualTo(200);
    }

    @Test
    void conflictsAndRefusedValuesAreCountedByOutcome() {
        http.push(owner, body(entry("m:1", "team")));
        http.push(peer, body(entry("m:1", "team")));
        http.push(peer, body(entry("m:2", "team", "observation", "obs-1", "upsert", Mutations.observation("obs-1", "secret", "c"))));

        String metrics = http.get("/metrics", owner).body();
        assertThat(metrics)
                .containsPattern("engram_cloud_pushes_total\\{outcome=\"mutation_conflict\",store=\"\\w+\"} 1\\.0")
                .containsPattern("engram_cloud_pushes_total\\{outcome=\"invalid_request\",store=\"\\w+\"} 1\\.0")
                .containsPattern("engram_cloud_request_duration_seconds_count\\{endpoint=\"push\",status=\"409\",store=\"\\w+\"} 1");
    }

    @Test
    void rowsStoredBeforeTheDigestExistedStillTellRepeatsFromConflicts() throws SQLException {
        long first = seqs(http.push(peer, body(entry("v1:1", "team")))).getFirst();
        server.close();
        server = null;
        try (Connection c = connect(db); Statement st = c.createStatement()) {
            st.execute("ALTER TABLE cloud_mutations DROP COLUMN payload_digest");
            st.execute("DROP TABLE cloud_meta");
            st.execute("DELETE FROM cloud_schema_version WHERE version = 2");
        }
        start(c -> c);

        assertThat(seqs(http.push(peer, body(entry("v1:1", "team"))))).containsExactly(first);
        assertThat(http.push(peer, body(entry("v1:1", "team", "observation", "obs-v11", "upsert",
                Mutations.observation("obs-v11", "team", "changed")))).status()).isEqualTo(409);
        assertThat(http.push(owner, body(entry("v1:1", "team"))).status()).isEqualTo(409);
    }

    // ---- the server's identity

    @Test
    void healthAndEveryPullCarryTheServerIdWhichSurvivesARestart() {
        String id = http.get("/health", null).json().get("server_id").asString();
        assertThat(id).matches("srv-[0-9a-f]{16}");
        assertThat(http.pull(owner, "since_seq=0").json().get("server_id").asString()).isEqualTo(id);
        http.push(owner, body(entry("s:1", "team")));
        assertThat(http.pull(owner, "since_seq=0&wait_ms=10").json().get("server_id").asString()).isEqualTo(id);

        restart(c -> c);

        assertThat(http.get("/health", null).json().get("server_id").asString()).isEqualTo(id);
        assertThat(http.pull(owner, "since_seq=0").json().get("server_id").asString()).isEqualTo(id);
    }

    @Test
    void aNewDatabaseGetsANewServerId() {
        String id = http.get("/health", null).json().get("server_id").asString();
        CloudDatabaseUrl other = newDatabase();
        try (CloudServer fresh = CloudServer.start(CloudServerConfig.defaults().withPort(0).withDatabase(other))) {
            assertThat(new CloudHttp(fresh.baseUri()).get("/health", null).json().get("server_id").asString())
                    .matches("srv-[0-9a-f]{16}").isNotEqualTo(id);
        }
    }

    // ---- bounded pages

    @Test
    void pullPagesStayUnderTheByteCapWithoutSkippingAnything() {
        restart(c -> c.withMaxPullBytes(2 * MIB));
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            entries.add(entry("big:" + i, "team", "observation", "obs-big" + i, "upsert",
                    Mutations.observation("obs-big" + i, "team", Character.toString('a' + i).repeat(1_000_000))));
        }
        entries.add(entry("small:1", "team"));
        assertThat(http.push(owner, body(entries)).status()).isEqualTo(200);

        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        long since = 0;
        boolean more = true;
        while (more) {
            Reply page = http.pull(owner, "since_seq=" + since + "&limit=1000");
            assertThat(page.body().length()).isLessThanOrEqualTo(2 * MIB + 1024);
            JsonNode muts = page.json().get("mutations");
            pageSizes.add(muts.size());
            muts.forEach(m -> seen.add(m.get("mutation_id").asString()));
            since = muts.get(muts.size() - 1).get("seq").asLong();
            more = page.json().get("has_more").asBoolean();
        }
        assertThat(pageSizes).allSatisfy(n -> assertThat(n).isBetween(1, 2)).hasSizeGreaterThanOrEqualTo(3);
        assertThat(seen).containsExactly("big:0", "big:1", "big:2", "big:3", "big:4", "small:1");
    }

    @Test
    void aMutationLargerThanTheCapComesAloneInItsPage() {
        restart(c -> c.withMaxPullBytes(MIB));
        String huge = Mutations.observation("obs-huge", "team", "c").replaceFirst("\\{", "{\"attachment\":\"" + "x".repeat(3 * MIB) + "\",");
        assertThat(http.push(owner, body(entry("huge:1", "team", "observation", "obs-huge", "upsert", huge), entry("after:1", "team"))).status())
                .isEqualTo(200);

        JsonNode first = http.pull(owner, "since_seq=0&limit=1000").json();
        assertThat(first.get("mutations")).singleElement().satisfies(m -> assertThat(m.get("mutation_id").asString()).isEqualTo("huge:1"));
        assertThat(first.get("has_more").asBoolean()).isTrue();
        JsonNode second = http.pull(owner, "since_seq=" + first.get("mutations").get(0).get("seq").asLong()).json();
        assertThat(second.get("mutations")).extracting(m -> m.get("mutation_id").asString()).containsExactly("after:1");
        assertThat(second.get("has_more").asBoolean()).isFalse();
    }

    // ---- sane values only

    @Test
    void everyAbsurdValueIsRefusedNamingItsFieldAndNothingIsStored() {
        String k300 = "k".repeat(300);
        List<Object[]> cases = List.of(
                absurd("NUL in entity_key", "entity_key", entry("a:1", "team", "observation", "obs-\\u0000", "upsert", Mutations.observation("obs-\\u0000", "team", "c"))),
                absurd("NUL in mutation_id", "mutation_id", entry("a:\\u0000", "team")),
                absurd("NUL in a nested payload string", "payload.nested.a[3]", entry("a:3", "team", "observation", "obs-a3", "upsert",
                        Mutations.observation("obs-a3", "team", "c").replace("[1,null,true]", "[1,null,true,\"x\\u0000\"]"))),
                absurd("NUL in content", "payload.content", entry("a:4", "team", "observation", "obs-a4", "upsert", Mutations.observation("obs-a4", "team", "c\\u0000"))),
                absurd("300-char entity_key", "entity_key", entry("a:5", "team", "observation", k300, "upsert", Mutations.observation(k300, "team", "c"))),
                absurd("300-char session_id", "payload.session_id", withField(entry("a:6", "team"), "session_id", k300)),
                absurd("300-char topic_key", "payload.topic_key", withField(entry("a:7", "team"), "topic_key", k300)),
                absurd("300-char type", "payload.type", withField(entry("a:8", "team"), "type", k300)),
                absurd("300-char tool_name", "payload.tool_name", withField(entry("a:9", "team"), "tool_name", k300)),
                absurd("title over 1000", "payload.title", withField(entry("a:10", "team"), "title", "t".repeat(1001))),
                absurd("content over 1,000,000", "payload.content", entry("a:11", "team", "observation", "obs-a11", "upsert",
                        Mutations.observation("obs-a11", "team", "c".repeat(1_000_001)))),
                absurd("created_at at year 999999999", "payload.created_at", withField(entry("a:12", "team"), "created_at", "+999999999-01-01T00:00:00Z")),
                absurd("created_at next year", "payload.created_at", withField(entry("a:13", "team"), "created_at", "2099-01-01T00:00:00Z")),
                absurd("created_at before 1970", "payload.created_at", withField(entry("a:14", "team"), "created_at", "1969-12-31T23:59:59Z")),
                absurd("created_at not a time", "payload.created_at", withField(entry("a:15", "team"), "created_at", "yesterday")),
                absurd("updated_at far ahead", "payload.updated_at", withField(entry("a:16", "team"), "updated_at", "9999-12-31T23:59:59.999Z")),
                absurd("version past its width", "payload.version", withField(entry("a:17", "team"), "version", "ffffffffffff.ffff.x")),
                absurd("version malformed", "payload.version", withField(entry("a:18", "team"), "version", "0001-r1")),
                absurd("version with a space", "payload.version", withField(entry("a:19", "team"), "version", "0192f3a4b5c6.0000.r 1")),
                absurd("deleted_at far ahead", "payload.deleted_at", entry("a:20", "team", "observation", "obs-a20", "delete",
                        "{\"sync_id\":\"obs-a20\",\"deleted\":true,\"deleted_at\":\"2999-01-01T00:00:00Z\",\"hard_delete\":true,\"version\":\"0192f3a4b5c6.0000.r-1\"}")),
                absurd("started_at far ahead", "payload.started_at", entry("a:21", "team", "session", "s-1", "upsert",
                        "{\"id\":\"s-1\",\"project\":\"team\",\"started_at\":\"2999-01-01T00:00:00Z\",\"version\":\"0192f3a4b5c6.0000.r-1\"}")),
                absurd("ended_at far ahead", "payload.ended_at", entry("a:22", "team", "session", "s-1", "upsert",
                        "{\"id\":\"s-1\",\"project\":\"team\",\"started_at\":\"2026-01-02T06:00:00Z\",\"ended_at\":\"2999-01-01T00:00:00Z\",\"version\":\"0192f3a4b5c6.0000.r-1\"}")));
        for (Object[] c : cases) {
            Reply r = http.push(peer, body((String) c[2]));
            assertThat(r.status()).as("%s: %s", c[0], r.body()).isEqualTo(400);
            assertThat(problems(r)).as((String) c[0]).contains("0:" + c[1]);
        }
        Reply all = http.push(peer, body(cases.stream().map(c -> (String) c[2]).toList()));
        assertThat(all.status()).isEqualTo(400);
        for (int i = 0; i < cases.size(); i++) {
            assertThat(problems(all)).as((String) cases.get(i)[0]).contains(i + ":" + cases.get(i)[1]);
        }
        assertThat(http.pull(owner, "since_seq=0").json().get("mutations")).isEmpty();
    }

    private static Object[] absurd(String name, String field, String entry) {
        return new Object[] {name, field, entry};
    }

    /** The entry with one payload field set to {@code value} (added when absent). */
    private static String withField(String entry, String field, String value) {
        JsonNode e = CloudHttp.JSON.readTree(entry);
        ((tools.jackson.databind.node.ObjectNode) e.get("payload")).put(field, value);
        return CloudHttp.JSON.writeValueAsString(e);
    }

    static List<String> problems(Reply r) {
        List<String> out = new ArrayList<>();
        r.json().get("details").forEach(d -> out.add(d.get("index").asInt() + ":" + d.get("field").asString()));
        return out;
    }

    private static List<Long> seqs(Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return CloudServerContract.longs(r.json().get("accepted_seqs"));
    }
}
