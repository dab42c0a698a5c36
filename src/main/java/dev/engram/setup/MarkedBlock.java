package dev.engram.setup;

import java.nio.file.Path;

/**
 * The memory instructions in a Markdown instruction file, between {@code <!-- engram:begin -->} and
 * {@code <!-- engram:end -->}. Appended after the file's content with one blank line between; taken
 * out with that blank line. {@code preamble} starts a file setup creates (a Cursor rule's front matter);
 * a file left with only its preamble, or nothing, is deleted on removal.
 */
record MarkedBlock(Path file, String body, String preamble) implements Part {
    static final String BEGIN = "<!-- engram:begin -->";
    static final String END = "<!-- engram:end -->";

    @Override
    public String kind() {
        return "instructions";
    }

    @Override
    public String what() {
        return "memory instructions";
    }

    String block() {
        return BEGIN + "\n" + body.strip() + "\n" + END;
    }

    /** Start and end (exclusive) of the marked block, or null when there is none. */
    private int[] find(String text) {
        if (text == null) {
            return null;
        }
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 && end < 0) {
            return null;
        }
        if (begin < 0 || end < begin || text.indexOf(BEGIN, begin + 1) >= 0 || text.indexOf(END, end + 1) >= 0) {
            throw new MalformedConfigException(file, "its " + BEGIN + " and " + END + " markers are not one pair in order;"
                    + " fix or remove them by hand");
        }
        return new int[] {begin, end + END.length()};
    }

    @Override
    public PartState state(String text) {
        int[] at = find(text);
        return at == null ? PartState.ABSENT : text.substring(at[0], at[1]).equals(block()) ? PartState.CURRENT : PartState.OUTDATED;
    }

    @Override
    public String add(String text) {
        int[] at = find(text);
        if (at != null) {
            return text.substring(0, at[0]) + block() + text.substring(at[1]);
        }
        if (text == null || text.isEmpty()) {
            return preamble + block() + "\n";
        }
        return (text.endsWith("\n") ? text : text + "\n") + "\n" + block() + "\n";
    }

    @Override
    public String remove(String text) {
        int[] at = find(text);
        if (at == null) {
            return text;
        }
        int start = at[0];
        int end = at[1];
        if (end < text.length() && text.charAt(end) == '\n') {
            end++;
        }
        if (start >= 2 && text.charAt(start - 1) == '\n' && text.charAt(start - 2) == '\n') {
            start--;
        }
        String rest = text.substring(0, start) + text.substring(end);
        return rest.isEmpty() || rest.equals(preamble) ? null : rest;
    }
}
