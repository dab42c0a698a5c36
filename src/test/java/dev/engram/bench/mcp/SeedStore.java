package dev.engram.bench.mcp;

import dev.engram.memory.NewObservation;
import dev.engram.memory.SaveResult;
import dev.engram.memory.SqliteMemoryStore;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seeds an Engram data directory for the MCP benchmark with the lines of {@code bench/mcp/gen.mjs}
 * ({@code {title, content}}), through the store's own save path (validation, FTS, journal). Every
 * save must create a new observation; any other outcome is counted and makes it exit 1, so a
 * benchmark never runs on a store that holds fewer rows than it claims.
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
        int notCreated = 0;
        try (SqliteMemoryStore store = SqliteMemoryStore.open(dir);
             BufferedReader in = Files.newBufferedReader(Path.of(args[1]))) {
            for (String line; (line = in.readLine()) != null; ) {
                JsonNode row = json.readTree(line);
                SaveResult saved = store.save(new NewObservation(null, "note", row.get("title").asString(), row.get("content").asString(),
                        null, args[2], null, null));
                if (!(saved instanceof SaveResult.Created)) {
                    notCreated++;
                }
                n++;
            }
        }
        System.err.printf("seeded %d observations in %d ms (%d created, %d not created)%n", n, (System.nanoTime() - start) / 1_000_000,
                n - notCreated, notCreated);
        if (notCreated > 0) {
            System.exit(1);
        }
    }
}
