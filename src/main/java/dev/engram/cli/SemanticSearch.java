package dev.engram.cli;

import dev.engram.base.InvalidInputException;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.semantic.BackgroundIndexer;
import dev.engram.semantic.Recall;
import dev.engram.semantic.SemanticIndex;
import dev.engram.semantic.ShippedModel;
import java.time.Duration;
import java.util.Locale;

/**
 * Semantic search in a long-lived process ({@code serve}, {@code mcp}): the search of the front doors and the
 * background indexer behind it, or keyword search alone when switched off ({@code --semantic off},
 * {@code ENGRAM_SEMANTIC=off}). The indexer embeds with half the cores, so that calls keep the other half.
 */
record SemanticSearch(Recall recall, AutoCloseable indexer) implements AutoCloseable {
    static final Duration POLL = Duration.ofSeconds(1);
    static final Duration RESCAN = Duration.ofMinutes(10);

    /** Reads {@code on}, {@code off} or blank (on); anything else is a usage error naming {@code option}. */
    static boolean enabled(String option, String value) {
        if (value == null || value.isBlank()) {
            return true;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "on", "1", "true" -> true;
            case "off", "0", "false" -> false;
            default -> throw new InvalidInputException(option, option + " must be on or off, was '" + value + "'");
        };
    }

    /** Starts the indexer after {@code startDelay} (the model loads then), or keyword search alone when {@code enabled} is false. */
    static SemanticSearch start(SqliteMemoryStore store, boolean enabled, Duration startDelay) {
        if (!enabled) {
            return new SemanticSearch(Recall.keywordOnly(store), () -> { });
        }
        SemanticIndex index = ShippedModel.index(store, Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
        BackgroundIndexer indexer = new BackgroundIndexer(index, startDelay, POLL, RESCAN);
        store.addWriteListener(indexer::wake);
        indexer.start();
        return new SemanticSearch(new Recall(store, index), () -> {
            indexer.close();
            index.close();
        });
    }

    @Override
    public void close() {
        ServeCommand.closeQuietly(indexer);
    }
}
