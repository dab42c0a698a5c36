package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code engram project}, {@code engram projects [merge]} and {@code engram context --max-bytes}. */
class ProjectCommandsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of("--data-dir", dir.resolve("data").toString()));
        all.addAll(List.of(args));
        return CliRun.of(MemoryCommands.all(), all.toArray(String[]::new));
    }

    @Test
    void projectSaysWhichProjectAppliesAndWhy() {
        JsonNode explicit = JSON.readTree(run("project", "--project", "My__App", "--json").out());
        assertThat(explicit.get("project").stringValue()).isEqualTo("my_app");
        assertThat(explicit.get("rule").stringValue()).isEqualTo("argument");

        CliRun here = run("project", "--json");
        assertThat(here.exitCode()).isZero();
        JsonNode resolved = JSON.readTree(here.out());
        assertThat(resolved.get("rule").stringValue()).isIn("env", "config_file", "git_remote", "git_toplevel", "directory");
        assertThat(resolved.get("project").stringValue()).isNotBlank();

        CliRun text = run("project", "--project", "demo");
        assertThat(text.out()).isEqualTo("demo\n");
        assertThat(text.err()).contains("rule argument");
    }

    @Test
    void projectsListsEveryProjectWithCounts() {
        run("save", "a", "one", "--project", "alpha");
        run("save", "b", "two", "--project", "alpha");
        run("save", "c", "three", "--project", "beta");
        run("delete", "3");

        CliRun table = run("projects");
        assertThat(table.out()).contains("PROJECT").contains("alpha").contains("beta");
        JsonNode json = JSON.readTree(run("projects", "--json").out()).get("projects");
        assertThat(json).hasSize(2);
        assertThat(json.get(0).get("project").stringValue()).isEqualTo("alpha");
        assertThat(json.get(0).get("observations").intValue()).isEqualTo(2);
        assertThat(json.get(1).get("observations").intValue()).isZero();
        assertThat(json.get(1).get("deleted_observations").intValue()).isEqualTo(1);
    }

    @Test
    void mergeMovesEverythingAndPrintsTheCounts() {
        run("save", "a", "one", "--project", "old");
        run("save", "b", "two", "--project", "old", "--session", "s-9");

        CliRun merged = run("projects", "merge", "old", "new");

        assertThat(merged.exitCode()).isZero();
        assertThat(merged.out()).contains("merged old into new: 2 observations, 2 sessions, 0 prompts moved");
        JsonNode json = JSON.readTree(run("projects", "--json").out()).get("projects");
        assertThat(json).hasSize(1);
        assertThat(json.get(0).get("project").stringValue()).isEqualTo("new");
        assertThat(run("search", "two", "--project", "new").out()).contains("b");
    }

    @Test
    void mergeRefusesTheSameProjectAndAnUnknownOneWithExitTwo() {
        run("save", "a", "one", "--project", "old");

        CliRun same = run("projects", "merge", "old", "OLD");
        assertThat(same.exitCode()).isEqualTo(2);
        assertThat(same.err()).contains("same project");

        CliRun unknown = run("projects", "merge", "nobody", "new");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("no project 'nobody'");
        assertThat(JSON.readTree(run("projects", "--json").out()).get("projects")).hasSize(1);
    }

    @Test
    void contextWithinABudgetNeverPrintsMoreBytesThanAsked() {
        for (int i = 0; i < 30; i++) {
            run("save", "Memory number " + i, "content with ünïcödé and more words " + i, "--project", "demo");
        }
        for (int budget : new int[] {1, 40, 100, 333, 5000}) {
            CliRun r = run("context", "demo", "--max-bytes", String.valueOf(budget));
            assertThat(r.exitCode()).isZero();
            assertThat(r.out().getBytes(StandardCharsets.UTF_8).length).as("budget %d", budget).isLessThanOrEqualTo(budget);
        }
        assertThat(run("context", "demo", "--max-bytes", "5000").out()).contains("- [manual] Memory number 29: content");
        JsonNode json = JSON.readTree(run("context", "demo", "--max-bytes", "300", "--json").out());
        assertThat(json.get("bytes").intValue()).isLessThanOrEqualTo(300);
        assertThat(json.get("included").intValue() + json.get("omitted").intValue()).isEqualTo(30);
    }

    @Test
    void badBudgetsAreUsageErrorsNamingMaxBytes() {
        for (String bad : List.of("0", "-5", "99999999999", "1048577")) {
            CliRun r = run("context", "--max-bytes", bad);
            assertThat(r.exitCode()).as(bad).isEqualTo(2);
            assertThat(r.err()).as(bad).contains("--max-bytes");
        }
        CliRun notANumber = run("context", "--max-bytes", "lots");
        assertThat(notANumber.exitCode()).isEqualTo(2);
        assertThat(notANumber.err()).contains("--max-bytes");
    }
}
