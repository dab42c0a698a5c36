package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code engram search --mode}, {@code engram index} and the index line of {@code engram stats}; uses the shipped model. */
class SearchModeCommandsTest {
    @TempDir
    Path dir;

    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of("--data-dir", dir.resolve("data").toString()));
        all.addAll(List.of(args));
        return CliRun.of(MemoryCommands.all(), all.toArray(String[]::new));
    }

    private static JsonNode json(CliRun r) {
        assertThat(r.exitCode()).as(r.err()).isZero();
        return JsonMapper.builder().build().readTree(r.out());
    }

    @Test
    void aOneShotSearchIsKeywordUnlessAskedAndAskedModesUseWhatEngramIndexBuilt() {
        run("save", "HikariCP removed", "SQLite needs one writer, so it went away", "--project", "demo");
        run("save", "Release checklist", "Tag, build the tarball, sign it, publish notes", "--project", "demo");
        JsonNode plain = json(run("search", "hikaricp", "--json"));
        assertThat(plain.get("mode").stringValue()).isEqualTo("keyword");
        assertThat(plain.get("index").get("state").stringValue()).isEqualTo("off");
        assertThat(plain.get("results")).hasSize(1);

        JsonNode stats = json(run("stats", "--json"));
        assertThat(stats.get("index").get("indexed").intValue()).isZero();
        assertThat(stats.get("index").get("total").intValue()).isEqualTo(2);
        CliRun empty = run("search", "why", "did", "we", "drop", "the", "connection", "pool", "--mode", "semantic");
        assertThat(empty.exitCode()).isZero();
        assertThat(empty.err()).contains("index is empty").contains("engram index");

        CliRun index = run("index");
        assertThat(index.exitCode()).as(index.err()).isZero();
        assertThat(index.out()).contains("indexed 2 observations").contains("covers 2 of 2");
        assertThat(run("stats").out()).contains("index").contains("2 of 2 observations (100.0%) semantic");
        assertThat(run("index").out()).contains("indexed 0 observations");

        JsonNode hybrid = json(run("search", "why did we drop the connection pool", "--mode", "hybrid", "--json"));
        assertThat(hybrid.get("mode").stringValue()).isEqualTo("hybrid");
        assertThat(hybrid.get("results").get(0).get("title").stringValue()).isEqualTo("HikariCP removed");

        assertThat(run("index", "--rebuild").out()).contains("indexed 2 observations");
    }

    @Test
    void aBadModeIsAUsageErrorNamingTheOption() {
        CliRun r = run("search", "x", "--mode", "vector");
        assertThat(r.exitCode()).isEqualTo(Cli.USAGE);
        assertThat(r.err()).contains("--mode must be keyword, semantic or hybrid");
    }
}
