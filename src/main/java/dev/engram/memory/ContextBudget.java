package dev.engram.memory;

import dev.engram.base.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Context within a byte budget ({@code engram context --max-bytes}, {@code GET /context?max_bytes},
 * {@code mem_context {max_bytes}}, {@code engram hook session-start}): the most useful memories first,
 * one compact line each, whole lines only, never more than the budget in UTF-8 bytes.
 *
 * <p>Usefulness is a documented score:
 * {@code score = 2^(-age_days / 14) * (1 + 0.5 ln(1 + revision_count) + 0.5 ln(1 + duplicate_count))},
 * where {@code age_days} is the time since {@code updated_at}. Recency halves every two weeks; a memory
 * revised or saved again many times (an evolving topic, a recurring fact) is worth more. Ties go to the
 * more recently updated, then the higher id. Lines are taken in score order; one that does not fit is
 * skipped and smaller ones after it may still fit.
 *
 * <p>A line is {@code - [type] title: content} with whitespace collapsed and the content shortened to
 * {@value #CONTENT_CHARS} characters (ending in {@code …}); the text starts with one header line.
 */
public final class ContextBudget {
    /** The largest budget accepted: 1 MiB. */
    public static final int MAX_BYTES = 1 << 20;
    static final int MAX_CANDIDATES = 500;
    static final int CONTENT_CHARS = 200;
    /**
     * How many characters of each candidate's content the context reads first (contents may hold up to a
     * million): enough for its line unless whitespace takes most of them ({@link #prefixSuffices}).
     */
    static final int CONTENT_PREFIX_CHARS = 1_000;
    static final double HALF_LIFE_DAYS = 14;
    /** The shortest line there is: {@code - [] } and a newline, for an empty type and title. */
    private static final int MIN_LINE_BYTES = 6;

    /**
     * What the context needs of a memory: what its line shows and what its score weighs. The hook reads 500 of
     * them at every session start, so the store reads these columns and no others.
     */
    public record Candidate(long id, String type, String title, String content, int revisionCount, int duplicateCount,
            Instant updatedAt) {
        public static Candidate of(Observation o) {
            return new Candidate(o.id(), o.type(), o.title(), o.content(), o.revisionCount(), o.duplicateCount(), o.updatedAt());
        }
    }

    /** A candidate with its score, ordered best first: higher score, then more recently updated, then higher id. */
    private record Scored(double score, Candidate candidate) implements Comparable<Scored> {
        @Override
        public int compareTo(Scored other) {
            int c = Double.compare(other.score, score);
            if (c == 0) {
                c = other.candidate.updatedAt().compareTo(candidate.updatedAt());
            }
            return c != 0 ? c : Long.compare(other.candidate.id(), candidate.id());
        }
    }

    private ContextBudget() {
    }

    /** The text that fits ({@code bytes} ≤ {@code maxBytes}), how many memories it holds, and how many were left out. */
    public record Fitted(String project, String text, int bytes, int maxBytes, int included, int omitted) {
    }

    /** A budget from the user: 1 to {@link #MAX_BYTES}; anything else is an error naming {@code field}. */
    public static int checkedMaxBytes(String field, long maxBytes) {
        if (maxBytes < 1 || maxBytes > MAX_BYTES) {
            throw new InvalidInputException(field, field + " must be between 1 and " + MAX_BYTES + ", was " + maxBytes);
        }
        return (int) maxBytes;
    }

    static double score(Candidate o, Instant now) {
        double ageDays = Math.max(0, Duration.between(o.updatedAt(), now).toMillis()) / 86_400_000.0;
        double recency = Math.pow(2, -ageDays / HALF_LIFE_DAYS);
        return recency * (1 + 0.5 * Math.log1p(Math.max(0, o.revisionCount())) + 0.5 * Math.log1p(Math.max(0, o.duplicateCount())));
    }

    /** The compact line of one memory, newline included. */
    static String line(Candidate o) {
        String content = oneLine(o.content());
        if (content.codePointCount(0, content.length()) > CONTENT_CHARS) {
            content = content.substring(0, content.offsetByCodePoints(0, CONTENT_CHARS - 1)).stripTrailing() + "…";
        }
        return "- [" + oneLine(o.type()) + "] " + oneLine(o.title()) + (content.isEmpty() ? "" : ": " + content) + "\n";
    }

    public static Fitted fit(String project, List<Candidate> candidates, Instant now, int maxBytes) {
        // Each score once (not once per comparison): the hook runs this at every session start.
        List<Scored> scored = new ArrayList<>(candidates.size());
        for (Candidate o : candidates) {
            scored.add(new Scored(score(o, now), o));
        }
        scored.sort(null); // Scored's own order: one plain comparison, no chain of comparators (cold code is interpreted)
        List<Candidate> ranked = new ArrayList<>(scored.size());
        scored.forEach(x -> ranked.add(x.candidate()));
        StringBuilder text = new StringBuilder();
        int used = 0;
        String header = "Memory of " + (project == null ? "all projects" : "project " + project) + ", most useful first:\n";
        int headerBytes = utf8(header);
        int included = 0;
        if (headerBytes <= maxBytes && !ranked.isEmpty()) {
            text.append(header);
            used = headerBytes;
            for (Candidate o : ranked) {
                if (maxBytes - used < MIN_LINE_BYTES) {
                    break; // not even an empty line fits any more
                }
                if (!mayFit(o, maxBytes - used)) {
                    continue; // cannot fit: skip building its line (most candidates, once the budget is nearly full)
                }
                String line = line(o);
                int bytes = utf8(line);
                if (used + bytes <= maxBytes) {
                    text.append(line);
                    used += bytes;
                    included++;
                }
            }
            if (included == 0) {
                text.setLength(0);
                used = 0;
            }
        }
        return new Fitted(project, text.toString(), used, maxBytes, included, ranked.size() - included);
    }

    /**
     * False when {@link #line} of {@code o} is surely larger than {@code room} bytes, by a scan that builds nothing
     * and stops as soon as it knows. It counts a lower bound of the line's UTF-8 size: its fixed characters, then
     * every character that survives whitespace collapsing (neither whitespace nor control, at least one byte
     * each) of the type, of the title, and of the content's first {@value #CONTENT_CHARS} - 1 code points (a
     * longer content keeps at least those), with {@code ": "} when the content has one.
     */
    static boolean mayFit(Candidate o, int room) {
        int bound = MIN_LINE_BYTES + kept(o.type(), Integer.MAX_VALUE, room) + kept(o.title(), Integer.MAX_VALUE, room);
        if (bound > room) {
            return false;
        }
        int content = kept(o.content(), CONTENT_CHARS - 1, room - bound - 2);
        return (content > 0 ? bound + 2 + content : bound) <= room;
    }

    /**
     * How many of the first {@code codePoints} code points of {@code s} are neither whitespace nor control
     * characters; the count stops one past {@code enough} (the caller knows enough by then).
     */
    private static int kept(String s, int codePoints, int enough) {
        if (s == null) {
            return 0;
        }
        int n = 0;
        int seen = 0;
        for (int i = 0; i < s.length() && seen < codePoints && n <= enough; i++) {
            char ch = s.charAt(i);
            if (ch < 0x80) { // ASCII, nearly every character there is: kept unless space, control or DEL
                seen++;
                n += ch > ' ' && ch != 0x7f ? 1 : 0;
                continue;
            }
            if (Character.isLowSurrogate(ch) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1))) {
                continue; // the second half of a code point already counted
            }
            seen++;
            if (!Character.isWhitespace(ch) && !Character.isISOControl(ch) && !Character.isSpaceChar(ch)
                    && ch != '\u0085' && ch != '\u2028' && ch != '\u2029') {
                n++;
            }
        }
        return n;
    }

    /**
     * True when {@code prefix}, the first characters of a longer content, gives that content's line: once
     * whitespace collapses it still has more than {@value #CONTENT_CHARS} code points, so the line's cut (which
     * reads the first {@value #CONTENT_CHARS} - 1) falls inside it.
     */
    static boolean prefixSuffices(String prefix) {
        String collapsed = oneLine(prefix);
        return collapsed.codePointCount(0, collapsed.length()) > CONTENT_CHARS;
    }

    /**
     * {@code s} on one line: every run of ASCII spaces and controls (U+0000 to U+0020, U+007F), NEL (U+0085) and
     * line or paragraph separators (U+2028, U+2029) becomes one space, then {@link String#strip()}. The same as
     * replacing the regular expression {@code [\s\p{Cntrl}\x{85}\x{2028}\x{2029}]+}, which the tests check; a
     * loop because the hook builds its lines in a fresh process, where that expression ran interpreted.
     */
    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        boolean run = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c == 0x7f || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                if (!run) {
                    out.append(' ');
                    run = true;
                }
            } else {
                out.append(c);
                run = false;
            }
        }
        return out.toString().strip();
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
