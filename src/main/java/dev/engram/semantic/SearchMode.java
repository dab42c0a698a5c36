package dev.engram.semantic;

import dev.engram.base.InvalidInputException;
import java.util.Locale;

/** How a search ranks: by words (bm25), by meaning (embeddings), or both fused. */
public enum SearchMode {
    KEYWORD, SEMANTIC, HYBRID;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@code keyword}, {@code semantic} or {@code hybrid}; null or blank is null (the default applies). */
    public static SearchMode parse(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "keyword" -> KEYWORD;
            case "semantic" -> SEMANTIC;
            case "hybrid" -> HYBRID;
            default -> throw new InvalidInputException(field, field + " must be keyword, semantic or hybrid, was '"
                    + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'");
        };
    }
}
