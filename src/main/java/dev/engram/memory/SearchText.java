package dev.engram.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns whatever a user typed into an FTS5 query that cannot be a syntax error: the words (letters and
 * digits, as the unicode61 tokenizer sees them) become quoted terms. Operators, quotes, {@code *},
 * {@code -}, {@code :}, {@code NEAR}, {@code AND} in the input are searched as text or dropped as
 * punctuation, never interpreted.
 */
final class SearchText {
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}\\p{M}]+");
    private static final int MAX_TERMS = 32;

    private SearchText() {
    }

    static List<String> terms(String text) {
        List<String> terms = new ArrayList<>();
        if (text == null) {
            return terms;
        }
        Matcher m = WORD.matcher(text);
        while (m.find() && terms.size() < MAX_TERMS) {
            terms.add(m.group());
        }
        return terms;
    }

    /** Every term must match: {@code "use" "wal"}. */
    static String allOf(List<String> terms) {
        return join(terms, " ");
    }

    /** Any term may match: {@code "use" OR "wal"}. */
    static String anyOf(List<String> terms) {
        return join(terms, " OR ");
    }

    private static String join(List<String> terms, String separator) {
        StringBuilder out = new StringBuilder();
        for (String term : terms) {
            if (!out.isEmpty()) {
                out.append(separator);
            }
            out.append('"').append(term.replace("\"", "\"\"")).append('"');
        }
        return out.toString();
    }
}
