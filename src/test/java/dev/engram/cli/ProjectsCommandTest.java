package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectsCommandTest {
    @TempDir
    Path dir;

    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of("--data-dir", dir.toString()));
        all.addAll(List.of(args));
        // the cloud client commands sit beside the memory commands here, so 'projects' means 'engram cloud projects'
        List<Object> commands = new ArrayList<>(MemoryCommands.all().stream().filter(c -> !(c instanceof LocalProjectsCommand)).toList());
        commands.addAll(MemoryCommands.cloudClient());
        return CliRun.of(commands, all.toArray(String[]::new));
    }

    @Test
    void listsEachEnrolledProjectWithItsUnsentChanges() {
        run("save", "Use WAL", "readers never block writers", "--project", "demo");
        run("enroll", "demo");
        run("enroll", "empty");

        CliRun projects = run("projects");

        assertThat(projects.exitCode()).isZero();
        assertThat(projects.out().lines().map(l -> List.of(l.trim().split("\\s+"))).toList())
                .containsExactly(List.of("PROJECT", "PENDING"), List.of("demo", "2"), List.of("empty", "0"));
    }

    @Test
    void saysHowToEnrollWhenNothingIsEnrolled() {
        CliRun projects = run("projects");

        assertThat(projects.exitCode()).isZero();
        assertThat(projects.out()).isEmpty();
        assertThat(projects.err()).contains("engram cloud enroll PROJECT");
    }
}
