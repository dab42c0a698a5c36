package dev.engram.bench.mcp;

import dev.engram.memory.NewObservation;
import dev.engram.memory.SqliteMemoryStore;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seeds an Engram data directory for the MCP benchmark with the lines of {@code bench/mcp/gen.mjs}
 * ({@code {title, content}}), through the store's own save path (validation, FTS, journal).
 * Usage: {@code SeedStore DATA_DIR DATA.jsonl PROJECT}.
 */
public final class SeedStore {
    private SeedStore() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        JsonMapper json = JsonMapper.builder().build();
        long start = System.nanoTime();
        int n = 0;
        try (SqliteMemoryStore store = SqliteMemoryStore.open(dir);
             BufferedReader in = Files.newBufferedReader(Path.of(args[1]))) {
            for (String line; (line = in.readLine()) != null; ) {
                JsonNode row = json.readTree(line);
                store.save(new NewObservation(null, "note", row.get("title").asString(), row.get("content").asString(), null, args[2], null, null));
                n++;
            }
        }
        System.err.printf("seeded %d observations in %d ms%n", n, (System.nanoTime() - start) / 1_000_000);
    }
}
