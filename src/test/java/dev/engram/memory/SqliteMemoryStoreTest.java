package dev.engram.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.base.InvalidInputException;
import dev.engram.base.NotFoundException;
import dev.engram.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqliteMemoryStoreTest {
    @TempDir
    Path dir;

    final MutableClock clock = MutableClock.at("2026-11-27T06:00:00.000Z");
    SqliteMemoryStore store;

    @BeforeEach
    void open() {
        store = SqliteMemoryStore.openFile(dir.resolve("engram.db"), clock, new Random(7));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void theContextReadsAPrefixOfEachContentYetShowsExactlyTheLinesOfTheWholeContents() {
        String[] contents = {
            "short",
            "word ".repeat(20_000),                              // 100,000 characters: only a prefix is read
            " ".repeat(950) + "late text " + "x".repeat(300),     // whitespace fills the prefix: read whole
            "\n\t".repeat(600) + "after the blank prefix " + "y".repeat(500),
            "🙂".repeat(1_500),                                   // surrogate pairs: SQLite counts code points
            "a" + "\u2003".repeat(999) + "b".repeat(400),         // a space SQLite and Java keep: no collapse
            "é".repeat(999) + " " + "z".repeat(10),
        };
        List<Observation> saved = new ArrayList<>();
        for (int i = 0; i < contents.length; i++) {
            clock.advance(Duration.ofMinutes(1));
            saved.add(save("long", "memory " + i, contents[i]));
        }

        ContextBudget.Fitted fitted = store.contextWithin("long", ContextBudget.MAX_BYTES);

        List<ContextBudget.Candidate> whole = saved.stream().map(o -> ContextBudget.Candidate.of(store.get(o.id()))).toList();
        assertThat(fitted.text()).isEqualTo(ContextBudget.fit("long", whole, clock.instant(), ContextBudget.MAX_BYTES).text());
        assertThat(fitted.included()).isEqualTo(contents.length);
        assertThat(fitted.text()).contains("late text").contains("after the blank prefix");
    }

    private Observation save(String project, String title, String content) {
        return store.save(NewObservation.of(project, title, content)).observation();
    }

    @Test
    void savesAndReadsBackAnObservationWithDefaults() {
        Observation o = save("Demo", "Use WAL", "Readers never block writers");

        Observation read = store.get(o.id());
        assertThat(read.syncId()).matches("obs-[0-9a-f]{16}");
        assertThat(read.project()).isEqualTo("demo");
        assertThat(read.type()).isEqualTo("manual");
        assertThat(read.scope()).isEqualTo(Scope.PROJECT);
        assertThat(read.sessionId()).isEqualTo("manual-demo");
        assertThat(read.revisionCount()).isEqualTo(1);
        assertThat(read.createdAt()).isEqualTo(clock.instant());
        assertThat(store.getSession("manual-demo").project()).isEqualTo("demo");
    }

    @Test
    void normalizesProjectNames() {
        assertThat(save("  My__Project--X ", "t", "c").project()).isEqualTo("my_project-x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n\t"})
    void rejectsBlankTitleContentAndProjectNamingTheField(String blank) {
        assertThatThrownBy(() -> save("demo", blank, "c")).isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("title");
        assertThatThrownBy(() -> save("demo", "t", blank)).isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("content");
        assertThatThrownBy(() -> save(blank, "t", "c")).isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("project");
        assertThat(store.stats().observations()).isZero();
    }

    @Test
    void redactsPrivateSpansBeforeStoringOrJournaling() {
        store.enroll("demo");
        Observation o = save("demo", "token", "key is <private>sk-123</private> and <PRIVATE>\nmore</PRIVATE> ok");

        assertThat(o.content()).isEqualTo("key is [REDACTED] and [REDACTED] ok");
        String journal = store.read(c -> Sql.one(c, "SELECT group_concat(payload) FROM journal", rs -> rs.getString(1)));
        assertThat(journal).doesNotContain("sk-123").doesNotContain("more");
        assertThat(store.search(SearchQuery.of("sk"))).isEmpty();
    }

    @Test
    void anUnclosedPrivateTagHidesTheRest() {
        assertThat(Redaction.redact("a <private> b c")).isEqualTo("a [REDACTED]");
    }

    @Test
    void topicKeyRevisesTheExistingObservation() {
        Observation first = store.save(new NewObservation(null, "decision", "Auth", "JWT", null, "demo", null, "auth/model"))
                .observation();
        clock.advance(Duration.ofMinutes(1));
        SaveResult second = store.save(new NewObservation(null, "decision", "Auth v2", "Sessions", null, "demo", null, "auth/model"));

        assertThat(second).isInstanceOf(SaveResult.Revised.class);
        assertThat(second.observation().id()).isEqualTo(first.id());
        assertThat(second.observation().revisionCount()).isEqualTo(2);
        assertThat(second.observation().content()).isEqualTo("Sessions");
        assertThat(store.stats().observations()).isEqualTo(1);
        // another scope is another topic
        SaveResult personal = store.save(new NewObservation(null, "decision", "Auth", "Mine", null, "demo", "personal", "auth/model"));
        assertThat(personal).isInstanceOf(SaveResult.Created.class);
    }

    @Test
    void foldsTheSameObservationSavedWithinFifteenMinutes() {
        Observation first = save("demo", "Use WAL", "Readers never block writers");
        clock.advance(Duration.ofMinutes(14));
        SaveResult again = store.save(NewObservation.of("demo", "Use WAL", "  readers NEVER block\nwriters "));

        assertThat(again).isInstanceOf(SaveResult.Duplicate.class);
        assertThat(again.observation().id()).isEqualTo(first.id());
        assertThat(again.observation().duplicateCount()).isEqualTo(2);

        clock.advance(Duration.ofMinutes(16));
        assertThat(store.save(NewObservation.of("demo", "Use WAL", "Readers never block writers")))
                .isInstanceOf(SaveResult.Created.class);
        assertThat(store.save(NewObservation.of("demo", "Other title", "Readers never block writers")))
                .isInstanceOf(SaveResult.Created.class);
    }

    @Test
    void searchRanksTitleMatchesFirstAndTreatsAnyTextAsWords() {
        save("demo", "Connection pool sizing", "We size the pool at 10");
        Observation wal = save("demo", "Use WAL", "Readers never block writers in WAL mode");
        save("other", "Unrelated", "Mentions wal once");

        List<SearchHit> hits = store.search(SearchQuery.of("wal"));
        assertThat(hits).extracting(h -> h.observation().id()).first().isEqualTo(wal.id());
        assertThat(hits).hasSize(2);

        for (String query : List.of("\"", "wal*", "-wal", "wal:", "NEAR(wal", "AND", "wal AND OR NOT", "'; DROP TABLE x", "(((")) {
            assertThat(store.search(SearchQuery.of(query))).as(query).isNotNull();
        }
        assertThat(store.search(SearchQuery.of("\"wal\""))).hasSize(2);
        assertThat(store.search(new SearchQuery("wal", null, "Other", null, null))).hasSize(1);
        assertThat(store.search(SearchQuery.of("***"))).isEmpty();
    }

    @Test
    void filtersAndDeletionsNeverHideMatchesBeyondTheFirstCandidates() {
        for (int i = 0; i < 300; i++) {
            save("busy", "common word " + i, "common content " + i);
        }
        for (int i = 0; i < 40; i++) {
            store.delete(save("quiet", "common deleted " + i, "common gone " + i).id(), false);
        }
        Observation rare = save("quiet", "common but rare", "common content in another project");

        assertThat(store.search(new SearchQuery("common", null, "quiet", null, 10)))
                .extracting(h -> h.observation().id()).containsExactly(rare.id());
        assertThat(store.search(new SearchQuery("common", null, null, null, 100))).hasSize(100);
        assertThat(store.search(SearchQuery.of("another")).get(0).snippet()).isEqualTo("common content in [another] project");
    }

    @Test
    void aQueryMatchingMostObservationsListsTheNewestFirst() {
        store.enroll("unused"); // journal stays empty: keeps the loop fast
        for (int i = 0; i <= SqliteMemoryStore.RANKED_MATCHES; i++) {
            save("demo", "note " + i, "everyday words " + i);
            clock.advance(Duration.ofMillis(1));
        }
        List<SearchHit> hits = store.search(SearchQuery.of("everyday words"));
        assertThat(hits).hasSize(10);
        assertThat(hits.get(0).observation().title()).isEqualTo("note " + SqliteMemoryStore.RANKED_MATCHES);
        assertThat(hits).extracting(h -> h.observation().id()).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(hits.get(0).snippet()).contains("[everyday]");
    }

    @Test
    void searchFallsBackToAnyWordWhenNoObservationHasAll() {
        save("demo", "Use WAL", "Readers never block writers");
        assertThat(store.search(SearchQuery.of("wal kubernetes"))).hasSize(1);
    }

    @Test
    void deletedObservationsAreInvisibleToSearchAndContext() {
        Observation soft = save("demo", "Soft", "disappearing ink");
        Observation hard = save("demo", "Hard", "disappearing stone");

        store.delete(soft.id(), false);
        store.delete(hard.id(), true);

        assertThat(store.search(SearchQuery.of("disappearing"))).isEmpty();
        assertThat(store.context("demo", null).observations()).isEmpty();
        assertThat(store.get(soft.id()).deletedAt()).isEqualTo(clock.instant());
        assertThatThrownBy(() -> store.get(hard.id())).isInstanceOf(NotFoundException.class)
                .hasMessage("observation " + hard.id() + " not found");
        assertThatThrownBy(() -> store.delete(soft.id(), false)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void journalsOnlyEnrolledProjectsAndBackfillsOnEnroll() {
        save("demo", "Before enrolling", "one");
        save("private-stuff", "Never replicated", "two");
        assertThat(store.pendingCount()).isZero();

        int backfilled = store.enroll("demo");
        assertThat(backfilled).isEqualTo(2); // the session and the observation
        assertThat(store.enroll("demo")).isZero();

        Observation o = save("demo", "After enrolling", "three");
        store.delete(o.id(), false);
        save("private-stuff", "Still not replicated", "four");

        List<String> ops = store.read(c -> Sql.list(c, "SELECT entity || ':' || op FROM journal ORDER BY seq", rs -> rs.getString(1)));
        assertThat(ops).containsExactly("session:upsert", "observation:upsert", "observation:upsert", "observation:delete");
        List<String> versions = store.read(c -> Sql.list(c, "SELECT version FROM journal ORDER BY seq", rs -> rs.getString(1)));
        assertThat(versions.get(3)).isGreaterThan(versions.get(2));

        assertThat(store.unenroll("demo")).isTrue();
        assertThat(store.pendingCount()).isZero();
    }

    @Test
    void pendingByProjectCountsTheJournalOfEachEnrolledProjectInNameOrder() {
        assertThat(store.pendingByProject()).isEmpty();
        store.enroll("zeta");
        store.enroll("alpha");
        save("alpha", "One", "1");
        save("alpha", "Two", "2");
        save("not-enrolled", "Three", "3");

        assertThat(store.pendingByProject()).containsExactly(entry("alpha", 3L), entry("zeta", 0L)); // alpha: its session and two observations
    }

    @Test
    void versionsKeepIncreasingWhenTheWallClockStandsStillOrGoesBack() {
        store.enroll("demo");
        save("demo", "a", "1");
        save("demo", "b", "2");
        clock.advance(Duration.ofHours(-1));
        save("demo", "c", "3");
        List<String> versions = store.read(c -> Sql.list(c, "SELECT version FROM journal WHERE entity = 'observation' ORDER BY seq",
                rs -> rs.getString(1)));
        assertThat(versions).isSorted().doesNotHaveDuplicates().hasSize(3);
    }

    @Test
    void replicaIdIsStableAcrossReopen() {
        String id = store.replicaId();
        store.close();
        store = SqliteMemoryStore.openFile(dir.resolve("engram.db"), clock, new Random(99));
        assertThat(store.replicaId()).isEqualTo(id).startsWith("r-");
    }

    @Test
    void timelineShowsNeighboursOfTheSameSessionInOrder() {
        store.startSession("s1", "demo", "/src");
        Observation[] obs = new Observation[5];
        for (int i = 0; i < 5; i++) {
            obs[i] = store.save(new NewObservation("s1", null, "step " + i, "did " + i, null, "demo", null, null)).observation();
            clock.advance(Duration.ofSeconds(1));
        }
        save("demo", "other session", "x");

        Timeline t = store.timeline(obs[2].id(), 1, 5);
        assertThat(t.focus().id()).isEqualTo(obs[2].id());
        assertThat(t.before()).extracting(Observation::id).containsExactly(obs[1].id());
        assertThat(t.after()).extracting(Observation::id).containsExactly(obs[3].id(), obs[4].id());
    }

    @Test
    void sessionsStartOnceAndEndWithARedactedSummary() {
        Session s = store.startSession("s1", "Demo", "/src");
        assertThat(store.startSession("s1", "demo", "/elsewhere")).isEqualTo(s);
        Session ended = store.endSession("s1", "done <private>secret</private>");
        assertThat(ended.summary()).isEqualTo("done [REDACTED]");
        assertThat(ended.endedAt()).isNotNull();
        assertThatThrownBy(() -> store.endSession("nope", null)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void updateChangesOnlyGivenFieldsAndCountsARevision() {
        Observation o = save("demo", "Title", "Content");
        Observation u = store.update(o.id(), new ObservationUpdate(null, "New content", "decision", null, null));
        assertThat(u.title()).isEqualTo("Title");
        assertThat(u.content()).isEqualTo("New content");
        assertThat(u.type()).isEqualTo("decision");
        assertThat(u.revisionCount()).isEqualTo(2);
        assertThatThrownBy(() -> store.update(o.id(), new ObservationUpdate(" ", null, null, null, null)))
                .isInstanceOf(InvalidInputException.class);
        assertThat(store.search(SearchQuery.of("new content"))).hasSize(1);
    }

    @Test
    void promptsAreStoredRedactedAndShownInContext() {
        store.savePrompt(null, "please fix <private>x</private>", "demo");
        assertThat(store.context("demo", 5).prompts()).extracting(Prompt::content).containsExactly("please fix [REDACTED]");
    }

    @Test
    void statsCountPerProjectAndType() {
        save("a", "t1", "c1");
        store.save(new NewObservation(null, "decision", "t2", "c2", null, "a", null, null));
        store.save(new NewObservation(null, "decision", "t3", "c3", null, "b", null, null));
        Stats s = store.stats();
        assertThat(s.observations()).isEqualTo(3);
        assertThat(s.byProjectAndType()).containsExactly(
                new Stats.ProjectTypeCount("a", "decision", 1), new Stats.ProjectTypeCount("a", "manual", 1),
                new Stats.ProjectTypeCount("b", "decision", 1));
        assertThat(s.databaseBytes()).isPositive();
    }

    @Test
    void writeListenersRunAfterEachCommittedWrite() {
        AtomicInteger writes = new AtomicInteger();
        store.addWriteListener(writes::incrementAndGet);
        save("demo", "a", "b");
        assertThatThrownBy(() -> save("demo", "", "b")).isInstanceOf(InvalidInputException.class);
        assertThat(writes).hasValue(1);
    }

    @Test
    void limitsOutsideTheRangeAreInputErrors() {
        assertThatThrownBy(() -> store.search(new SearchQuery("x", null, null, null, 1000)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("limit");
        assertThatThrownBy(() -> store.search(new SearchQuery("x", null, null, "team", null)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("scope");
    }
}
