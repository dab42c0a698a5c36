package dev.engram.mcp;

import dev.engram.base.InvalidInputException;
import java.text.Normalizer;
import java.util.Locale;

/**
 * Suggests a stable topic key for an observation: {@code <type>/<slug of the title>}, for example
 * {@code decision/use-sqlite-wal-mode}. A pure function, so the same title always gets the same key
 * and later saves revise the same observation.
 */
public final class TopicKeys {
    static final int MAX_SLUG_WORDS = 8;
    static final int MAX_SLUG_CHARS = 60;

    private TopicKeys() {
    }

    /** The key for {@code title} (or, when it is blank, the first words of {@code content}). */
    public static String suggest(String type, String title, String content) {
        String source = title != null && !title.isBlank() ? title : content;
        if (source == null || source.isBlank()) {
            throw new InvalidInputException("title", "title or content is needed to suggest a topic key");
        }
        String slug = slug(source);
        if (slug.isEmpty()) {
            throw new InvalidInputException("title", "title has no letters or digits to build a topic key from");
        }
        String prefix = type == null || type.isBlank() ? "topic" : slug(type);
        return (prefix.isEmpty() ? "topic" : prefix) + "/" + slug;
    }

    static String slug(String text) {
        String ascii = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        String[] words = ascii.toLowerCase(Locale.ROOT).split("[^\\p{Alnum}]+");
        StringBuilder out = new StringBuilder();
        int count = 0;
        for (String w : words) {
            if (w.isEmpty()) {
                continue;
            }
            if (count == MAX_SLUG_WORDS || out.length() + w.length() + 1 > MAX_SLUG_CHARS) {
                break;
            }
            if (!out.isEmpty()) {
                out.append('-');
            }
            out.append(w);
            count++;
        }
        return out.toString();
    }
}
