package dev.engram.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.engram.memory.NewObservation;
import dev.engram.memory.SearchQuery;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.testing.HashingEmbedder;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The background thread loads the model, builds the index, and catches up after writes, without delaying them. */
class BackgroundIndexerTest {
    @TempDir
    Path dir;

    @Test
    void buildsTheIndexThenFollowsLocalWritesWokenByTheWriteListener() {
        try (SqliteMemoryStore store = SqliteMemoryStore.open(dir)) {
            for (int i = 0; i < 40; i++) {
                store.save(NewObservation.of("demo", "Note " + i, "memory " + i));
            }
            HashingEmbedder model = new HashingEmbedder(HashingEmbedder.SPEC);
            SemanticIndex index = new SemanticIndex(store, HashingEmbedder.SPEC, () -> model);
            // A long poll: only the write listener can bring the later save in quickly.
            try (BackgroundIndexer indexer = new BackgroundIndexer(index, Duration.ZERO, Duration.ofHours(1), Duration.ofHours(1))) {
                store.addWriteListener(indexer::wake);
                indexer.start();
                await().atMost(Duration.ofSeconds(20)).until(() -> index.coverage().state() == IndexCoverage.State.READY);
                assertThat(index.coverage().indexed()).isEqualTo(40);

                long id = store.save(NewObservation.of("demo", "Kubernetes", "helm charts deploy the staging cluster")).observation().id();
                await().atMost(Duration.ofSeconds(20)).until(() -> index.coverage().indexed() == 41);
                SearchAnswer a = new Recall(store, index).search(SearchQuery.of("helm charts staging"), SearchMode.SEMANTIC);
                assertThat(a.hits().getFirst().observation().id()).isEqualTo(id);
            }
        }
    }

    @Test
    void closingBeforeTheStartDelayEndsNeverLoadsTheModel() {
        try (SqliteMemoryStore store = SqliteMemoryStore.open(dir)) {
            SemanticIndex index = new SemanticIndex(store, HashingEmbedder.SPEC, () -> {
                throw new AssertionError("the model must not load");
            });
            BackgroundIndexer indexer = new BackgroundIndexer(index, Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofHours(1)).start();
            indexer.wake();
            indexer.close();
            assertThat(index.coverage().state()).isEqualTo(IndexCoverage.State.LOADING_MODEL);
        }
    }
}
