package dev.engram.memory;

/**
 * A full-text search. Any text is a valid query: words are matched as words, never as FTS syntax.
 * Filters are optional (null); {@code limit} defaults to 10 and is at most 100.
 */
public record SearchQuery(String text, String type, String project, String scope, Integer limit) {
    public static SearchQuery of(String text) {
        return new SearchQuery(text, null, null, null, null);
    }
}
