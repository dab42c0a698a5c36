package dev.engram.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A snippet of a memory around the words searched for, with those words marked: the text is escaped
 * piece by piece and only the matches are wrapped in {@code <mark>}, so stored markup stays text.
 */
final class Highlight {
    private static final int WINDOW = 220;

    private Highlight() {
    }

    /** The searched words: letters and digits, at least two characters, lower-cased. */
    static List<String> words(String query) {
        List<String> out = new ArrayList<>();
        for (String w : query.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (w.length() >= 2 && !out.contains(w) && out.size() < 16) {
                out.add(w);
            }
        }
        return out;
    }

    /** Up to {@value #WINDOW} characters of {@code text} around the first match, matches marked. */
    static Html snippet(String text, List<String> words) {
        String lower = text.toLowerCase(Locale.ROOT);
        int first = -1;
        for (String w : words) {
            int i = lower.indexOf(w);
            if (i >= 0 && (first < 0 || i < first)) {
                first = i;
            }
        }
        int start = first < 0 ? 0 : Math.max(0, first - WINDOW / 3);
        int end = Math.min(text.length(), start + WINDOW);
        Html h = Html.of();
        if (start > 0) {
            h.text("…");
        }
        mark(h, text.substring(start, end), words);
        if (end < text.length()) {
            h.text("…");
        }
        return h;
    }

    /** {@code text} with every occurrence of the words (ignoring case) in {@code <mark>}. */
    static Html mark(Html h, String text, List<String> words) {
        String lower = text.toLowerCase(Locale.ROOT);
        int at = 0;
        while (at < text.length()) {
            int next = -1;
            int len = 0;
            for (String w : words) {
                int i = lower.indexOf(w, at);
                if (i >= 0 && (next < 0 || i < next || (i == next && w.length() > len))) {
                    next = i;
                    len = w.length();
                }
            }
            if (next < 0 || lower.length() != text.length()) { // case mapping changed lengths: no marks, still escaped
                h.text(text.substring(at));
                break;
            }
            h.text(text.substring(at, next)).el("mark", text.substring(next, next + len));
            at = next + len;
        }
        return h;
    }
}
