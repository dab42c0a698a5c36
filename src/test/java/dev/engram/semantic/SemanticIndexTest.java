package dev.engram.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.memory.NewObservation;
import dev.engram.memory.ObservationUpdate;
import dev.engram.memory.SearchHit;
import dev.engram.memory.SearchQuery;
import dev.engram.memory.Sql;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.testing.HashingEmbedder;
import dev.engram.testing.MutableClock;
import dev.engram.view.Views;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The index follows every way an observation changes, survives bad rows and model changes; uses a fake model. */
class SemanticIndexTest {
    @TempDir
    Path dir;
    MutableClock clock = MutableClock.at("2026-11-27T06:00:00.000Z");
    SqliteMemoryStore store;
    HashingEmbedder model = new HashingEmbedder(HashingEmbedder.SPEC);
    SemanticIndex index;
    Recall recall;

    @BeforeEach
    void open() {
        store = SqliteMemoryStore.openFile(dir.resolve("engram.db"), clock, new Random(7));
        index = new SemanticIndex(store, HashingEmbedder.SPEC, () -> model);
        recall = new Recall(store, index);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void catchUp() {
        index.loadModel();
        index.scanAll();
        while (index.indexQueued(8) > 0) {
            // until the queue is empty
        }
    }

    private List<Long> semantic(String text) {
        return ids(recall.search(new SearchQuery(text, null, null, null, 5), SearchMode.SEMANTIC));
    }

    private static List<Long> ids(SearchAnswer a) {
        return a.hits().stream().map(h -> h.observation().id()).toList();
    }

    private long save(String project, String title, String content) {
        return store.save(NewObservation.of(project, title, content)).observation().id();
    }

    @Test
    void theIndexFollowsSavesRevisionsSoftAndHardDeletes() {
        long pool = save("demo", "Connection pool removed", "HikariCP pooling dropped: SQLite wants one writer");
        long wal = save("demo", "Journal mode", "WAL enabled for concurrent readers");
        catchUp();
        assertThat(semantic("pooling writer").getFirst()).isEqualTo(pool);
        assertThat(index.coverage()).extracting(IndexCoverage::state, IndexCoverage::indexed, IndexCoverage::total)
                .containsExactly(IndexCoverage.State.READY, 2L, 2L);

        store.update(wal, new ObservationUpdate(null, "Tokens rotate every night through the vault", null, null, null));
        catchUp();
        assertThat(semantic("vault tokens rotate").getFirst()).isEqualTo(wal);

        store.delete(pool, false);
        catchUp();
        assertThat(semantic("pooling writer")).doesNotContain(pool);
        assertThat(index.coverage().total()).isEqualTo(1);

        store.delete(wal, true);
        catchUp();
        assertThat(semantic("vault tokens rotate")).isEmpty();
        assertThat(index.coverage()).extracting(IndexCoverage::indexed, IndexCoverage::total).containsExactly(0L, 0L);
        long vectorsLeft = store.read(c -> Sql.one(c, "SELECT count(*) FROM observation_vectors", rs -> rs.getLong(1)));
        assertThat(vectorsLeft).isZero();
    }

    @Test
    void aTopicKeyRevisionIsReembedded() {
        long id = store.save(new NewObservation(null, "decision", "Cache", "Redis for sessions", null, "demo", null, "decision/cache"))
                .observation().id();
        catchUp();
        store.save(new NewObservation(null, "decision", "Cache", "Caffeine in process, no network hop", null, "demo", null, "decision/cache"));
        catchUp();
        assertThat(semantic("caffeine process network").getFirst()).isEqualTo(id);
        assertThat(model.passages.get()).isEqualTo(2);
    }

    @Test
    void pulledMutationsAreIndexedLikeLocalWrites() {
        SqliteMemoryStore other = SqliteMemoryStore.openFile(dir.resolve("other.db"), clock, new Random(8));
        other.enroll("demo");
        long remote = other.save(NewObservation.of("demo", "Deploys", "Canary deploys")).observation().id();
        other.update(remote, new ObservationUpdate(null, "Blue green deploys behind the load balancer", null, null, null));
        List<String[]> journal = other.read(c -> Sql.list(c, "SELECT entity, op, payload FROM journal ORDER BY seq",
                rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}));
        other.close();
        catchUp();
        // Its creation and its revision arrive together, twice (replication repeats deliveries): each lands while the row is queued.
        for (int delivery = 0; delivery < 2; delivery++) {
            store.write(c -> {
                for (String[] m : journal) {
                    JsonNode payload = Views.JSON.readTree(m[2]);
                    SqliteMemoryStore.applyMutation(c, m[0], m[1], payload);
                }
                return null;
            });
        }
        catchUp();
        List<SearchHit> hits = recall.search(new SearchQuery("green deploys balancer", null, null, null, 5), SearchMode.SEMANTIC).hits();
        assertThat(hits).extracting(h -> h.observation().title()).containsExactly("Deploys");
    }

    @Test
    void aModelChangeReindexesEverything() {
        save("demo", "One", "first memory");
        save("demo", "Two", "second memory");
        catchUp();
        HashingEmbedder next = new HashingEmbedder(HashingEmbedder.OTHER);
        SemanticIndex changed = new SemanticIndex(store, HashingEmbedder.OTHER, () -> next);
        changed.loadModel();
        changed.scanAll();
        assertThat(changed.coverage()).extracting(IndexCoverage::indexed, IndexCoverage::total).containsExactly(0L, 2L);
        while (changed.indexQueued(8) > 0) {
            // re-embed
        }
        assertThat(next.passages.get()).isEqualTo(2);
        assertThat(changed.coverage().state()).isEqualTo(IndexCoverage.State.READY);
        List<String> models = store.read(c -> Sql.list(c, "SELECT DISTINCT model FROM observation_vectors", rs -> rs.getString(1)));
        assertThat(models).containsExactly(HashingEmbedder.OTHER.id());
    }

    @Test
    void corruptOrMissingVectorRowsAreRebuiltNeverAnError() {
        long a = save("demo", "Alpha", "the alpha memory about ports");
        long b = save("demo", "Beta", "the beta memory about queues");
        long c = save("demo", "Gamma", "the gamma memory about locks");
        catchUp();
        store.write(x -> {
            Sql.update(x, "UPDATE observation_vectors SET vector = x'00ff' WHERE observation_id = ?", a);
            Sql.update(x, "UPDATE observation_vectors SET vector = zeroblob(68) WHERE observation_id = ?", b); // scale 0: unusable
            Sql.update(x, "DELETE FROM observation_vectors WHERE observation_id = ?", c);
            Sql.update(x, "DELETE FROM vector_queue");
            return null;
        });
        SemanticIndex fresh = new SemanticIndex(store, HashingEmbedder.SPEC, () -> model);
        fresh.loadModel();
        fresh.scanAll();
        Recall r = new Recall(store, fresh);
        SearchAnswer meanwhile = r.search(new SearchQuery("alpha ports", null, null, null, 5), SearchMode.SEMANTIC);
        assertThat(meanwhile.mode()).isEqualTo(SearchMode.KEYWORD);
        assertThat(meanwhile.note()).contains("index is empty");
        assertThat(fresh.coverage().indexed()).isZero();
        while (fresh.indexQueued(8) > 0) {
            // rebuild the three
        }
        assertThat(fresh.coverage()).extracting(IndexCoverage::indexed, IndexCoverage::total).containsExactly(3L, 3L);
        assertThat(ids(r.search(new SearchQuery("alpha ports", null, null, null, 1), SearchMode.SEMANTIC))).containsExactly(a);
    }

    @Test
    void searchBeforeTheModelIsLoadedRunsKeywordAndSaysSo() {
        save("demo", "Connection pool removed", "HikariCP dropped");
        SearchAnswer byDefault = recall.search(SearchQuery.of("hikaricp"), null);
        assertThat(byDefault.mode()).isEqualTo(SearchMode.KEYWORD);
        assertThat(byDefault.note()).contains("model is still loading");
        assertThat(byDefault.hits()).hasSize(1);

        SearchAnswer asked = recall.search(SearchQuery.of("hikaricp"), SearchMode.HYBRID);
        assertThat(asked.mode()).isEqualTo(SearchMode.KEYWORD);
        assertThat(asked.requested()).isEqualTo(SearchMode.HYBRID);
        assertThat(asked.note()).contains("instead of hybrid");
        assertThat(asked.index().state()).isEqualTo(IndexCoverage.State.LOADING_MODEL);
    }

    @Test
    void whileTheIndexIsBuildingTheDefaultIsKeywordAndAnAskedModeRunsOnWhatIsReady() {
        for (int i = 0; i < 20; i++) {
            save("demo", "Note " + i, "memory number " + i + " about builds");
        }
        index.loadModel();
        index.scanAll();
        index.indexQueued(5);
        IndexCoverage partial = index.coverage();
        assertThat(partial).extracting(IndexCoverage::state, IndexCoverage::indexed, IndexCoverage::total)
                .containsExactly(IndexCoverage.State.BUILDING, 5L, 20L);
        SearchAnswer byDefault = recall.search(SearchQuery.of("builds"), null);
        assertThat(byDefault.mode()).isEqualTo(SearchMode.KEYWORD);
        assertThat(byDefault.note()).contains("25.0%");
        SearchAnswer asked = recall.search(SearchQuery.of("builds"), SearchMode.SEMANTIC);
        assertThat(asked.mode()).isEqualTo(SearchMode.SEMANTIC);
        assertThat(asked.hits()).hasSize(5);
        assertThat(asked.note()).contains("covers 25.0%");

        while (index.indexQueued(8) > 0) {
            // finish
        }
        assertThat(recall.search(SearchQuery.of("builds"), null).mode()).isEqualTo(SearchMode.HYBRID);
    }

    @Test
    void filtersHoldInEveryMode() {
        save("alpha", "Retry policy", "exponential backoff for the payment client");
        save("beta", "Retry policy", "exponential backoff for the mail client");
        store.save(new NewObservation(null, "bugfix", "Retry bug", "backoff overflowed after retries", null, "alpha", "personal", null));
        catchUp();
        for (SearchMode mode : SearchMode.values()) {
            SearchAnswer a = recall.search(new SearchQuery("exponential backoff retry", null, "Alpha", null, 10), mode);
            assertThat(a.mode()).isEqualTo(mode);
            assertThat(a.hits()).as(mode.wire()).isNotEmpty().allSatisfy(h -> assertThat(h.observation().project()).isEqualTo("alpha"));
            SearchAnswer typed = recall.search(new SearchQuery("exponential backoff retry", "bugfix", null, null, 10), mode);
            assertThat(typed.hits()).as(mode.wire()).extracting(h -> h.observation().type()).containsExactly("bugfix");
            SearchAnswer scoped = recall.search(new SearchQuery("exponential backoff retry", null, null, "project", 10), mode);
            assertThat(scoped.hits()).as(mode.wire()).hasSize(2).allSatisfy(h -> assertThat(h.observation().scope().wire()).isEqualTo("project"));
            assertThat(scoped.hits()).as(mode.wire()).allSatisfy(h -> assertThat(h.snippet()).isNotBlank());
        }
    }

    @Test
    void hybridFindsByMeaningWhatKeywordMissesAndKeepsKeywordHits() {
        long pool = save("demo", "Connection pool removed", "HikariCP pooling dropped: SQLite wants one writer");
        long exact = save("demo", "Zebra crossing", "the zebra tests flaked on CI");
        catchUp();
        assertThat(ids(recall.search(SearchQuery.of("poolside writable"), SearchMode.KEYWORD))).isEmpty();
        assertThat(ids(recall.search(SearchQuery.of("poolside writable"), SearchMode.HYBRID))).startsWith(pool);
        assertThat(ids(recall.search(SearchQuery.of("zebra"), SearchMode.HYBRID))).startsWith(exact);
    }

    @Test
    void badModeAndLimitAreRefusedNamingTheField() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SearchMode.parse("mode", "fuzzy"))
                .hasMessageContaining("mode must be keyword, semantic or hybrid");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> recall.search(new SearchQuery("x", null, null, null, 101), SearchMode.SEMANTIC))
                .hasMessageContaining("limit");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> recall.search(new SearchQuery("x", null, null, "team", 5), SearchMode.SEMANTIC))
                .hasMessageContaining("scope");
    }

    @Test
    void aModelThatFailsToLoadLeavesKeywordSearchWorking() {
        SemanticIndex broken = new SemanticIndex(store, HashingEmbedder.SPEC, () -> {
            throw new IllegalStateException("no weights");
        });
        broken.loadModel();
        save("demo", "Kept", "keyword still works");
        SearchAnswer a = new Recall(store, broken).search(SearchQuery.of("keyword"), SearchMode.SEMANTIC);
        assertThat(a.mode()).isEqualTo(SearchMode.KEYWORD);
        assertThat(a.index().state()).isEqualTo(IndexCoverage.State.UNAVAILABLE);
        assertThat(a.note()).contains("could not be loaded");
        assertThat(a.hits()).extracting(h -> h.observation().title()).containsExactly("Kept");
    }

    @Test
    void anIndexInAnotherProcessPicksUpTheVectorsThisOneWrote() {
        long id = save("demo", "Shared", "vectors written once serve every process");
        SqliteMemoryStore second = SqliteMemoryStore.openFile(dir.resolve("engram.db"), clock, new Random(9));
        try {
            HashingEmbedder secondModel = new HashingEmbedder(HashingEmbedder.SPEC);
            SemanticIndex other = new SemanticIndex(second, HashingEmbedder.SPEC, () -> secondModel);
            other.loadModel();
            other.scanAll();
            catchUp();
            assertThat(other.indexQueued(8)).isZero();
            assertThat(other.coverage().indexed()).isEqualTo(1);
            assertThat(secondModel.passages.get()).isZero();
            assertThat(ids(new Recall(second, other).search(SearchQuery.of("vectors every process"), SearchMode.SEMANTIC))).containsExactly(id);
        } finally {
            second.close();
        }
    }


    @Test
    void aTextTheModelRefusesIsLeftOutAndTheOthersAreIndexed() {
        Embedder picky = new Embedder() {
            @Override
            public String model() {
                return model.model();
            }

            @Override
            public int dimensions() {
                return model.dimensions();
            }

            @Override
            public float[] embedPassage(String text) {
                if (text.contains("poison")) {
                    throw new IllegalArgumentException("cannot tokenize");
                }
                return model.embedPassage(text);
            }

            @Override
            public float[] embedQuery(String text) {
                return model.embedQuery(text);
            }

            @Override
            public void close() {
            }
        };
        SemanticIndex guarded = new SemanticIndex(store, HashingEmbedder.SPEC, () -> picky);
        save("demo", "Bad", "a poison text");
        long good = save("demo", "Good", "ordinary words about caches");
        guarded.loadModel();
        guarded.scanAll();
        while (guarded.indexQueued(8) > 0) {
            // until the queue is empty
        }
        assertThat(guarded.coverage()).extracting(IndexCoverage::indexed, IndexCoverage::total).containsExactly(1L, 1L);
        assertThat(ids(new Recall(store, guarded).search(SearchQuery.of("ordinary caches"), SearchMode.SEMANTIC))).containsExactly(good);
    }
}
