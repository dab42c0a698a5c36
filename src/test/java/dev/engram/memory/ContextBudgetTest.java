package dev.engram.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.base.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ContextBudgetTest {
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final String[] PIECES = {"a", "word ", "naïve ", "日本語 ", "🙂", "\n", "\t", "  ", "\u2028", "x".repeat(50), "é"};

    private static ContextBudget.Candidate obs(long id, String type, String title, String content, int revisions, int duplicates,
            Duration age) {
        return new ContextBudget.Candidate(id, type, title, content, revisions, duplicates, NOW.minus(age));
    }

    private static String randomText(SplittableRandom r, int maxPieces) {
        StringBuilder b = new StringBuilder();
        int n = r.nextInt(maxPieces + 1);
        for (int i = 0; i < n; i++) {
            b.append(PIECES[r.nextInt(PIECES.length)]);
        }
        return b.toString();
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void neverExceedsTheBudgetAndNeverCutsARecordOverManyRandomCorpora() {
        SplittableRandom r = new SplittableRandom(42);
        for (int round = 0; round < 500; round++) {
            List<ContextBudget.Candidate> corpus = new ArrayList<>();
            int size = r.nextInt(40);
            for (int i = 0; i < size; i++) {
                corpus.add(obs(i + 1, randomText(r, 3), randomText(r, 8), randomText(r, 60), r.nextInt(20), r.nextInt(20),
                        Duration.ofMinutes(r.nextLong(60L * 24 * 365))));
            }
            int budget = 1 + r.nextInt(round % 5 == 0 ? 100 : 4000);

            ContextBudget.Fitted f = ContextBudget.fit("p", corpus, NOW, budget);

            assertThat(utf8(f.text())).as("round %d", round).isLessThanOrEqualTo(budget).isEqualTo(f.bytes());
            Set<String> whole = corpus.stream().map(ContextBudget::line).collect(Collectors.toSet());
            String[] lines = f.text().isEmpty() ? new String[0] : f.text().split("\n", -1);
            if (lines.length > 0) {
                assertThat(lines[lines.length - 1]).as("ends with a whole line").isEmpty();
                assertThat(lines[0]).startsWith("Memory of project p");
                for (int i = 1; i < lines.length - 1; i++) {
                    assertThat(whole).as("round %d line %d is a whole record", round, i).contains(lines[i] + "\n");
                }
            }
            assertThat(f.included()).isEqualTo(Math.max(0, lines.length - 2));
            assertThat(f.included() + f.omitted()).isEqualTo(corpus.size());
        }
    }

    @Test
    void theCheapSizeCheckNeverRefusesALineThatFitsWhateverTheCharacters() {
        String[] odd = {"a", " ", "\u00a0", "\u2003", "\u0085", "\u2028", "\u2029", "\u0000", "\u007f", "\u009f", "\t", "\n", "🙂",
            "\ud800", "\udc00", "é", "日", "\u3000", "\ufeff", "x".repeat(300), "\u2003".repeat(250), "🙂".repeat(120)};
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            ContextBudget.Candidate o = obs(i, piecesOf(r, odd, 3), piecesOf(r, odd, 6), piecesOf(r, odd, 12), 0, 0, Duration.ZERO);
            int size = utf8(ContextBudget.line(o));
            assertThat(ContextBudget.mayFit(o, size)).as("case %d: a line of %d bytes in as many", i, size).isTrue();
            int room = size + r.nextInt(20);
            assertThat(ContextBudget.mayFit(o, room)).as("case %d: a line of %d bytes in %d", i, size, room).isTrue();
        }
    }

    @Test
    void skippingLinesThatCannotFitChoosesExactlyWhatTryingEveryLineChooses() {
        SplittableRandom r = new SplittableRandom(11);
        for (int round = 0; round < 300; round++) {
            List<ContextBudget.Candidate> corpus = new ArrayList<>();
            for (int i = 0; i < 1 + r.nextInt(60); i++) {
                corpus.add(obs(i + 1, randomText(r, 2), randomText(r, 8), randomText(r, 40), r.nextInt(5), r.nextInt(5),
                        Duration.ofMinutes(r.nextLong(60L * 24 * 60))));
            }
            int budget = 1 + r.nextInt(3000);

            ContextBudget.Fitted f = ContextBudget.fit("p", corpus, NOW, budget);

            // The rule as documented: in score order, every whole line that still fits.
            List<ContextBudget.Candidate> ranked = new ArrayList<>(corpus);
            ranked.sort(java.util.Comparator.comparingDouble((ContextBudget.Candidate o) -> ContextBudget.score(o, NOW)).reversed()
                    .thenComparing(ContextBudget.Candidate::updatedAt, java.util.Comparator.reverseOrder())
                    .thenComparing(ContextBudget.Candidate::id, java.util.Comparator.reverseOrder()));
            StringBuilder expected = new StringBuilder("Memory of project p, most useful first:\n");
            int used = utf8(expected.toString());
            int included = 0;
            for (ContextBudget.Candidate o : ranked) {
                String line = ContextBudget.line(o);
                if (used + utf8(line) <= budget) {
                    expected.append(line);
                    used += utf8(line);
                    included++;
                }
            }
            assertThat(f.text()).as("round %d", round).isEqualTo(included == 0 ? "" : expected.toString());
        }
    }

    private static String piecesOf(SplittableRandom r, String[] pieces, int max) {
        StringBuilder b = new StringBuilder();
        for (int i = r.nextInt(max + 1); i > 0; i--) {
            b.append(pieces[r.nextInt(pieces.length)]);
        }
        return b.toString();
    }

    @Test
    void recentRevisedAndRepeatedMemoriesComeFirst() {
        ContextBudget.Candidate old = obs(1, "note", "old", "c", 0, 0, Duration.ofDays(60));
        ContextBudget.Candidate recent = obs(2, "note", "recent", "c", 0, 0, Duration.ofHours(1));
        ContextBudget.Candidate revised = obs(3, "decision", "revised", "c", 9, 0, Duration.ofDays(3));
        ContextBudget.Candidate repeated = obs(4, "pattern", "repeated", "c", 0, 30, Duration.ofDays(2));
        ContextBudget.Candidate plainSameAge = obs(5, "note", "plain", "c", 0, 0, Duration.ofDays(3));

        String text = ContextBudget.fit("p", List.of(old, recent, revised, repeated, plainSameAge), NOW, 10_000).text();

        assertThat(text).containsSubsequence("] repeated:", "] revised:", "] recent:", "] plain:", "] old:");
    }

    @Test
    void aLineIsCompactOneLineAndItsContentShortened() {
        ContextBudget.Candidate o = obs(1, "bug\nfix", "Title\twith\r\nbreaks", "long ".repeat(100), 0, 0, Duration.ZERO);
        String line = ContextBudget.line(o);
        assertThat(line).startsWith("- [bug fix] Title with breaks: long long").endsWith("…\n");
        assertThat(line.chars().filter(c -> c == '\n')).hasSize(1);
        assertThat(line.codePointCount(0, line.length())).isLessThan(250);
    }

    @Test
    void aRecordTooLargeForTheBudgetIsSkippedAndSmallerOnesStillFit() {
        ContextBudget.Candidate big = obs(1, "note", "big " + "x".repeat(150), "y".repeat(180), 50, 50, Duration.ZERO);
        ContextBudget.Candidate small = obs(2, "note", "small", "z", 0, 0, Duration.ofDays(30));
        ContextBudget.Fitted f = ContextBudget.fit("p", List.of(big, small), NOW, 80);
        assertThat(f.text()).contains("] small: z").doesNotContain("big");
        assertThat(f.included()).isEqualTo(1);
        assertThat(f.omitted()).isEqualTo(1);
    }

    @Test
    void nothingFitsGivesAnEmptyText() {
        ContextBudget.Fitted f = ContextBudget.fit("p", List.of(obs(1, "n", "t", "c", 0, 0, Duration.ZERO)), NOW, 5);
        assertThat(f.text()).isEmpty();
        assertThat(f.bytes()).isZero();
        assertThat(ContextBudget.fit("p", List.of(), NOW, 1000).text()).isEmpty();
    }

    @Test
    void badBudgetsAreRefusedNamingTheField() {
        for (long bad : new long[] {0, -1, Long.MIN_VALUE, ContextBudget.MAX_BYTES + 1L, Long.MAX_VALUE}) {
            assertThatThrownBy(() -> ContextBudget.checkedMaxBytes("max_bytes", bad)).isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("max_bytes must be between 1 and");
        }
        assertThat(ContextBudget.checkedMaxBytes("max_bytes", 1)).isEqualTo(1);
    }

    @Test
    void oneLineCollapsesExactlyWhatTheDocumentedExpressionCollapses() {
        java.util.regex.Pattern documented = java.util.regex.Pattern.compile("[\\s\\p{Cntrl}\\x{85}\\x{2028}\\x{2029}]+");
        SplittableRandom r = new SplittableRandom(3);
        List<String> texts = new ArrayList<>(List.of("", " ", "\u2003 a \u2003", "\u00a0x\u00a0", "\ufeffy\ufeff"));
        for (char c = 0; c < 0x3100; c++) {
            texts.add(" a" + c + c + "b " + c);
        }
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int n = r.nextInt(12); n > 0; n--) {
                b.append(r.nextInt(4) == 0 ? PIECES[r.nextInt(PIECES.length)] : String.valueOf((char) r.nextInt(0x3100)));
            }
            texts.add(b.toString());
        }
        for (String t : texts) {
            assertThat(ContextBudget.oneLine(t)).as("%s", t.chars().mapToObj(c -> String.format("%04x", c)).toList())
                    .isEqualTo(documented.matcher(t).replaceAll(" ").strip());
        }
    }
}
