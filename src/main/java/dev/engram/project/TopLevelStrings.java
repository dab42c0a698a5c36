package dev.engram.project;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The top-level string fields of a small JSON object ({@code .engram/config.json}, an agent's hook input).
 * Nested values and non-string values are checked and skipped; the first of two fields with one name wins; a
 * document that is not one JSON object (RFC 8259, nothing before or after it but whitespace) is refused.
 *
 * <p>The reader is ours because every agent session start runs it in a fresh process: Jackson's streaming
 * parser, cold, took 6 ms there to read a 150-byte object, this one well under one. It accepts what
 * Jackson's default parser accepts, with its limits (nesting depth 500, numbers of 1,000 digits, names of
 * 50,000 characters); {@code TopLevelStringsTest} holds the two to the same answers.
 */
public final class TopLevelStrings {
    static final int MAX_DEPTH = 500;
    static final int MAX_NUMBER_DIGITS = 1_000;
    static final int MAX_NAME_CHARS = 50_000;

    private final String text;
    private int pos;

    private TopLevelStrings(String text) {
        this.text = text;
    }

    /** @throws IllegalArgumentException naming what is wrong, when {@code text} is not a JSON object */
    public static Map<String, String> parse(String text) {
        return new TopLevelStrings(text).object();
    }

    private Map<String, String> object() {
        skipWhitespace();
        if (pos >= text.length() || text.charAt(pos) != '{') {
            throw new IllegalArgumentException("not a JSON object");
        }
        pos++;
        Map<String, String> out = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
        } else {
            while (true) {
                String name = name();
                if (peek() == '"') {
                    out.putIfAbsent(name, string(false));
                } else {
                    value(2);
                }
                if (afterMember('}')) {
                    break;
                }
            }
        }
        skipWhitespace();
        if (pos < text.length()) {
            throw new IllegalArgumentException("text after the JSON object");
        }
        return out;
    }

    /** A member's name and its colon, with the whitespace around them. */
    private String name() {
        skipWhitespace();
        if (peek() != '"') {
            throw malformed("expected a field name");
        }
        String name = string(true);
        skipWhitespace();
        if (peek() != ':') {
            throw malformed("expected ':'");
        }
        pos++;
        skipWhitespace();
        return name;
    }

    /** After a member or an element: true at the container's end ({@code close}), false after a comma. */
    private boolean afterMember(char close) {
        skipWhitespace();
        char c = peek();
        pos++;
        if (c == close) {
            return true;
        }
        if (c != ',') {
            throw malformed(pos > text.length() ? "unexpected end of input" : "expected ',' or '" + close + "'", pos - 1);
        }
        return false;
    }

    /** Checks and skips one value; {@code depth} is its nesting level if it is a container (the top object is 1). */
    private void value(int depth) {
        skipWhitespace();
        char c = peek();
        switch (c) {
            case '{', '[' -> {
                if (depth > MAX_DEPTH) {
                    throw malformed("nested deeper than " + MAX_DEPTH + " levels");
                }
                char close = c == '{' ? '}' : ']';
                pos++;
                skipWhitespace();
                if (peek() == close) {
                    pos++;
                    return;
                }
                do {
                    if (c == '{') {
                        name();
                    }
                    value(depth + 1);
                } while (!afterMember(close));
            }
            case '"' -> string(false);
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    number();
                } else {
                    throw malformed(pos >= text.length() ? "unexpected end of input" : "unexpected character");
                }
            }
        }
        skipWhitespace();
    }

    /**
     * A string; in a field name, an escaped surrogate must be half of an escaped pair, as Jackson checks there
     * (in values it lets a lone one through, as JSON does).
     */
    private String string(boolean name) {
        pos++; // the opening quote
        StringBuilder out = null;
        int run = pos;
        while (true) {
            if (pos >= text.length()) {
                throw malformed("unterminated string");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                String s = out == null ? text.substring(run, pos) : out.append(text, run, pos).toString();
                pos++;
                if (name && s.length() > MAX_NAME_CHARS) {
                    throw malformed("field name longer than " + MAX_NAME_CHARS + " characters");
                }
                return s;
            }
            if (c < 0x20) {
                throw malformed("unescaped control character in a string");
            }
            if (c != '\\') {
                pos++;
                continue;
            }
            if (out == null) {
                out = new StringBuilder();
            }
            out.append(text, run, pos);
            pos++;
            char e = peek();
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    char code = hex4(pos + 1);
                    pos += 4;
                    if (name && Character.isLowSurrogate(code)) {
                        throw malformed("unpaired surrogate in a field name");
                    }
                    if (name && Character.isHighSurrogate(code)) {
                        if (!text.startsWith("\\u", pos + 1) || !Character.isLowSurrogate(text.length() < pos + 7 ? 0 : hex4(pos + 3))) {
                            throw malformed("unpaired surrogate in a field name", pos + 1);
                        }
                        out.append(code);
                        code = hex4(pos + 3);
                        pos += 6;
                    }
                    out.append(code);
                }
                default -> throw malformed(pos >= text.length() ? "unterminated string" : "bad escape");
            }
            pos++;
            run = pos;
        }
    }

    /** The character written as four hex digits at {@code at}. */
    private char hex4(int at) {
        int code = 0;
        for (int i = at; i < at + 4; i++) {
            int digit = i < text.length() ? hexDigit(text.charAt(i)) : -1;
            if (digit < 0) {
                throw malformed("bad \\u escape", i);
            }
            code = code * 16 + digit;
        }
        return (char) code;
    }

    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    /** {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?}, of at most {@value #MAX_NUMBER_DIGITS} digits in all. */
    private void number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        int count;
        if (peek() == '0') {
            pos++;
            count = 1;
        } else if ((count = digits()) == 0) {
            throw malformed("bad number");
        }
        if (peek() == '.') {
            pos++;
            int fraction = digits();
            if (fraction == 0) {
                throw malformed("bad number");
            }
            count += fraction;
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            int exponent = digits();
            if (exponent == 0) {
                throw malformed("bad number");
            }
            count += exponent;
        }
        if (count > MAX_NUMBER_DIGITS) {
            throw malformed("number of more than " + MAX_NUMBER_DIGITS + " digits", start);
        }
    }

    /** Skips the digits at the position and says how many there were. */
    private int digits() {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        return pos - start;
    }

    private void literal(String word) {
        if (!text.startsWith(word, pos)) {
            throw malformed("unexpected character");
        }
        pos += word.length();
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            pos++;
        }
    }

    /** The character at the position, or U+FFFF past the end (no JSON token starts with it). */
    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\uffff';
    }

    private IllegalArgumentException malformed(String what) {
        return malformed(what, pos);
    }

    private IllegalArgumentException malformed(String what, int at) {
        return new IllegalArgumentException("malformed JSON: " + what + " at character " + (Math.min(at, text.length()) + 1));
    }
}
