package dev.engram.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.memory.NewObservation;
import dev.engram.memory.SearchHit;
import dev.engram.memory.SearchQuery;
import dev.engram.memory.SqliteMemoryStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model that ships, loaded once for the class (about a second), from the class path only. */
class ShippedModelTest {
    static Embedder model;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        model = ShippedModel.loader(2).get();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void givesDeterministicUnitVectorsOfTheAdvertisedSize() {
        float[] a = model.embedPassage("HikariCP removed: SQLite needs one writer");
        float[] b = model.embedPassage("HikariCP removed: SQLite needs one writer");
        assertThat(a).hasSize(384).containsExactly(b);
        double norm = 0;
        for (float x : a) {
            norm += x * x;
        }
        assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(model.model()).isEqualTo("all-minilm-l6-v2-q@1.19.0-beta29/int8s");
        assertThat(model.embedQuery("x".repeat(50_000))).hasSize(384);
        assertThat(model.embedQuery("   ")).hasSize(384);
    }

    @Test
    void findsAMemoryAskedForInOtherWordsWhereKeywordSearchMissesIt() {
        try (SqliteMemoryStore store = SqliteMemoryStore.open(dir)) {
            long pool = store.save(NewObservation.of("demo", "HikariCP removed", "SQLite needs one writer, so it went away"))
                    .observation().id();
            store.save(NewObservation.of("demo", "Release checklist", "Tag, build the tarball, sign it, publish notes"));
            store.save(NewObservation.of("demo", "Flaky test", "The clock test slept; it now uses a fake clock"));
            store.save(NewObservation.of("demo", "Dark mode", "The web UI follows the system colour scheme"));
            SemanticIndex index = new SemanticIndex(store, ShippedModel.SPEC, () -> model);
            index.loadModel();
            index.scanAll();
            while (index.indexQueued(16) > 0) {
                // embed the four
            }
            Recall recall = new Recall(store, index);
            SearchQuery question = SearchQuery.of("why did we stop using a connection pooling library?");
            assertThat(recall.search(question, SearchMode.KEYWORD).hits()).noneMatch(h -> h.observation().id() == pool);
            List<Long> semantic = recall.search(question, SearchMode.SEMANTIC).hits().stream().map(h -> h.observation().id()).toList();
            assertThat(semantic.getFirst()).isEqualTo(pool);
            SearchAnswer byDefault = recall.search(question, null);
            assertThat(byDefault.mode()).isEqualTo(SearchMode.HYBRID);
            SearchHit found = byDefault.hits().stream().limit(2).filter(h -> h.observation().id() == pool).findFirst().orElseThrow();
            assertThat(found.snippet()).isEqualTo("SQLite needs one writer, so it went away");
        }
    }
}
