package dev.engram.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.autosync.CycleReport;
import dev.engram.base.InvalidInputException;
import dev.engram.memory.MergeResult;
import dev.engram.memory.NewObservation;
import dev.engram.memory.ProjectCount;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engram projects merge FROM INTO} on one machine, replicated through the real cloud server:
 * the other machine then has FROM's observations under INTO and none under FROM.
 */
class ProjectMergeEndToEndTest {
    private static final String FROM = "old-name";
    private static final String INTO = "new-name";

    @TempDir
    Path dir;

    @Test
    void aMergeOnOneMachineMovesTheMemoriesOnTheOtherAfterSync() {
        try (Cloud cloud = Cloud.start(dir)) {
            String token = cloud.token("team", FROM, INTO);
            // a enrolls FROM only: the merge enrolls INTO so the copies replicate; b replicates both
            try (Replica a = Replica.in(dir, "a").connect(cloud.url(), token, FROM);
                 Replica b = Replica.in(dir, "b").connect(cloud.url(), token, FROM, INTO)) {
                a.store.startSession("s-1", FROM, "/src/app");
                a.store.save(new NewObservation("s-1", "decision", "Use WAL", "readers never block", null, FROM, null, "decision/wal"));
                a.store.save(new NewObservation("s-1", "bugfix", "Fix lock", "busy_timeout on every connection", null, FROM, null, null));
                long gone = a.save(FROM, "Deleted", "soft deleted before the merge");
                a.store.delete(gone, false);
                a.store.savePrompt("s-1", "make it fast", FROM);
                b.store.save(new NewObservation(null, "decision", "WAL on b", "b's own take", null, INTO, null, "decision/wal"));
                syncUntilQuiet(a, b);
                assertThat(liveTitles(b, FROM)).containsExactlyInAnyOrder("Use WAL", "Fix lock");

                MergeResult r = a.store.mergeProject(FROM, INTO);

                assertThat(r).extracting(MergeResult::observations, MergeResult::sessions, MergeResult::prompts,
                        MergeResult::deletedDropped, MergeResult::enrolledInto).containsExactly(2, 2, 1, 1, true); // sessions: s-1 and manual-old-name
                syncUntilQuiet(a, b);
                for (Replica x : List.of(a, b)) {
                    assertThat(rows(x, FROM)).as("observations of %s on %s", FROM, x).isEmpty();
                    assertThat(liveTitles(x, INTO)).as("observations of %s on %s", INTO, x)
                            .containsExactlyInAnyOrder("Use WAL", "Fix lock", "WAL on b");
                    assertThat(x.searchIds(INTO, "busy_timeout")).hasSize(1);
                    assertThat(x.searchIds(FROM, "busy_timeout")).isEmpty();
                    assertThat(x.store.context(INTO, 20).prompts()).extracting(p -> p.content()).contains("make it fast");
                }
                // topic keys are kept on both: nothing is lost, and b's next save with the key revises the newest
                assertThat(a.state()).filteredOn(s -> INTO.equals(s.project()) && "decision/wal".equals(s.topicKey())).hasSize(2);
                assertThat(b.state()).isEqualTo(a.state());
                // copies name the new session in INTO
                assertThat(a.store.getSession(INTO + ":s-1").project()).isEqualTo(INTO);
            }
        }
    }

    @Test
    void theSameMergeRunOnBothMachinesConvergesInsteadOfDoubling() {
        try (Cloud cloud = Cloud.start(dir)) {
            String token = cloud.token("team", FROM, INTO);
            try (Replica a = Replica.in(dir, "a").connect(cloud.url(), token, FROM, INTO);
                 Replica b = Replica.in(dir, "b").connect(cloud.url(), token, FROM, INTO)) {
                a.save(FROM, "One", "first memory");
                a.store.savePrompt(null, "a prompt", FROM);
                syncUntilQuiet(a, b);

                a.store.mergeProject(FROM, INTO);
                MergeResult onB = b.store.mergeProject(FROM, INTO); // before b has seen a's merge
                assertThat(onB.observations()).isEqualTo(1);
                syncUntilQuiet(a, b);

                assertThat(liveTitles(a, INTO)).containsExactly("One");
                assertThat(b.state()).isEqualTo(a.state());
                assertThat(a.store.context(INTO, 20).prompts()).hasSize(1);
                assertThat(b.store.context(INTO, 20).prompts()).hasSize(1);
            }
        }
    }

    @Test
    void mergeRefusesTheSameProjectAndAnUnknownOneAndChangesNothing() {
        try (Cloud cloud = Cloud.start(dir)) {
            String token = cloud.token("team", FROM);
            try (Replica a = Replica.in(dir, "a").connect(cloud.url(), token, FROM)) {
                a.save(FROM, "One", "first memory");
                long pending = a.store.pendingCount();

                assertThatThrownBy(() -> a.store.mergeProject(FROM, " Old-Name ")).isInstanceOf(InvalidInputException.class)
                        .hasMessageContaining("same project");
                assertThatThrownBy(() -> a.store.mergeProject("nobody", INTO)).isInstanceOf(InvalidInputException.class)
                        .hasMessageContaining("no project 'nobody'");

                assertThat(a.store.pendingCount()).isEqualTo(pending);
                assertThat(a.store.projectCounts()).extracting(ProjectCount::project).containsExactly(FROM);
            }
        }
    }

    private static List<String> liveTitles(Replica r, String project) {
        return r.state().stream().filter(s -> project.equals(s.project()) && !s.deleted()).map(Replica.ObservationState::title).toList();
    }

    private static List<Replica.ObservationState> rows(Replica r, String project) {
        return r.state().stream().filter(s -> project.equals(s.project())).toList();
    }

    private static void syncUntilQuiet(Replica... replicas) {
        for (int round = 0; round < 10; round++) {
            int moved = 0;
            for (Replica r : replicas) {
                CycleReport report = r.sync();
                assertThat(report.ok()).as("%s: %s %s", r, report.reasonCode(), report.error()).isTrue();
                moved += report.pushed() + report.applied() + report.setAside();
            }
            if (moved == 0) {
                return;
            }
        }
        throw new AssertionError("replicas did not go quiet within 10 rounds of syncing");
    }

}
