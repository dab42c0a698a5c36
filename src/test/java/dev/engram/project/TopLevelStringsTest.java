package dev.engram.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * {@link TopLevelStrings} is our own JSON reader: it must accept exactly what Jackson's default parser accepts
 * and give the same fields. Jackson is the reference here, on hand-picked hostile documents and on tens of
 * thousands of generated and mutated ones.
 */
class TopLevelStringsTest {
    private static final JsonFactory JACKSON = new JsonFactory();

    /** What the reader answered: its fields, or that it refused the document. */
    private record Answer(Map<String, String> fields, boolean refused) {
        @Override
        public String toString() {
            return refused ? "refused" : printable(fields.toString());
        }
    }

    private static Answer ours(String text) {
        try {
            return new Answer(TopLevelStrings.parse(text), false);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).as("the reason for refusing %s", text).isNotBlank();
            return new Answer(null, true);
        }
    }

    /** The same question put to Jackson's streaming parser with its default settings. */
    private static Answer jackson(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        try (JsonParser p = JACKSON.createParser(ObjectReadContext.empty(), text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return new Answer(null, true);
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.VALUE_STRING) {
                    out.putIfAbsent(name, p.getString());
                } else if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
                return new Answer(null, true);
            }
            return new Answer(out, false);
        } catch (JacksonException e) {
            return new Answer(null, true);
        }
    }

    private static void agrees(String text) {
        assertThat(ours(text)).as("%s", printable(text)).isEqualTo(jackson(text));
    }

    /** A document as a failure message can show it: control and non-ASCII characters escaped, at most 300 characters. */
    private static String printable(String text) {
        StringBuilder b = new StringBuilder();
        text.substring(0, Math.min(text.length(), 300)).chars()
                .forEach(c -> b.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("<U+%04X>", c)));
        return text.length() > 300 ? b + "..." : b.toString();
    }

    @Test
    void readsTheTopLevelStringsOfAnAgentsHookInput() {
        Map<String, String> fields = TopLevelStrings.parse("""
                {"session_id": "abc-1", "cwd": "/home/me/proj\\u00e9\\n", "hook_event_name": "SessionStart",
                 "nested": {"cwd": "not this one", "list": [1, 2.5e-3, true, null, {"x": []}]}, "n": -0, "ok": false,
                 "cwd": "the first one wins"}
                """);
        assertThat(fields).containsExactly(Map.entry("session_id", "abc-1"), Map.entry("cwd", "/home/me/proj\u00e9\n"),
                Map.entry("hook_event_name", "SessionStart"));
    }

    @Test
    void refusesWhatIsNotOneJsonObjectAndSaysWhere() {
        assertThatThrownBy(() -> TopLevelStrings.parse("[1]")).hasMessage("not a JSON object");
        assertThatThrownBy(() -> TopLevelStrings.parse("")).hasMessage("not a JSON object");
        assertThatThrownBy(() -> TopLevelStrings.parse("{} {}")).hasMessage("text after the JSON object");
        assertThatThrownBy(() -> TopLevelStrings.parse("{\"a\": tru}")).hasMessage("malformed JSON: unexpected character at character 7");
        assertThatThrownBy(() -> TopLevelStrings.parse("{\"a\": \"b")).hasMessage("malformed JSON: unterminated string at character 9");
        assertThatThrownBy(() -> TopLevelStrings.parse("{\"a\": 1")).hasMessage("malformed JSON: unexpected end of input at character 8");
    }

    @Test
    void agreesWithJacksonOnHostileDocuments() {
        List<String> docs = new ArrayList<>(List.of(
                "", " ", "\t\n\r {} \r\n", "\ufeff{}", "{}\u0000", "{\u000b}", "{\"a\":\"\u0001\"}", "{\"a\":\"\u007f\"}",
                "{\"a\":\"\ud800\"}", "{\"a\":\"\\ud800\"}", "{\"a\":\"\\uDBFF\\uDFFF\"}", "{\"a\":\"\\u00G0\"}", "{\"a\":\"\\u12\"}",
                "{\"a\":\"\\x41\"}", "{\"a\":\"\\'\"}", "{\"a\":\"\\/\\b\\f\\n\\r\\t\\\\\\\"\"}", "{\"a\":\"\\", "{\"a\":\"\\u",
                "{'a':'b'}", "{a:\"b\"}", "{\"a\" \"b\"}", "{\"a\":}", "{\"a\":\"b\",}", "{,\"a\":\"b\"}", "{\"a\":\"b\"", "{\"a\"",
                "{\"a\":[1,]}", "{\"a\":[,1]}", "{\"a\":[1 2]}", "{\"a\":{\"b\"}}", "{\"a\":{\"b\":1,}}", "{\"a\":[}", "{\"a\":{]}",
                "{\"a\":01}", "{\"a\":-}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":+1}", "{\"a\":1e}", "{\"a\":1e+}", "{\"a\":1E-07}",
                "{\"a\":-0.0e0}", "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":-Infinity}", "{\"a\":0x10}", "{\"a\":1true}",
                "{\"a\":truefalse}", "{\"a\":nul}", "{\"a\":null,\"a\":\"x\"}", "{\"a\":\"x\",\"a\":\"y\"}", "{\"\":\"empty name\"}",
                "{\"a\":\"b\"}/* comment */", "{\"a\":\"b\"} // comment", "{\"a\":\"b\"}#", "{\"a\":\"b\"}\u00a0", "{\"a\":\u2028\"b\"}",
                "{\"a\":\"b\"}}", "{\"a\":\"b\"}]", "\"just a string\"", "42", "null", "{\"a\":[[[[[]]]]]}",
                "{\"\\ud800\":1}", "{\"\\udc00\":1}", "{\"\\ud800\\udc00\":1}", "{\"\\ud800\\u0041\":1}", "{\"\\ud800\\n\":1}",
                "{\"\\ud800\\ud800\":1}", "{\"\ud800\":1}", "{\"\\ud800\\udc0\":1}", "{\"\\uDBFF\\uDFFF\\uDC00\":1}", "{\"a\":\"\u2028\u2029\"}"));
        for (int depth : new int[] {498, 499, 500, 501, 502, 5000}) {
            docs.add("{\"a\":" + "[".repeat(depth - 1) + "]".repeat(depth - 1) + "}");
            docs.add("{\"a\":" + "{\"b\":".repeat(depth - 1) + "1" + "}".repeat(depth - 1) + "}");
        }
        for (int digits : new int[] {999, 1000, 1001, 5000}) {
            docs.add("{\"a\":" + "7".repeat(digits) + "}");
            docs.add("{\"a\":-" + "7".repeat(digits) + "}");
            docs.add("{\"a\":1." + "7".repeat(digits) + "}");
            docs.add("{\"a\":1e" + "7".repeat(digits) + "}");
        }
        for (int chars : new int[] {49_999, 50_000, 50_001}) {
            docs.add("{\"" + "n".repeat(chars) + "\":\"v\"}");
            docs.add("{\"a\":\"" + "v".repeat(chars) + "\"}");
        }
        docs.forEach(TopLevelStringsTest::agrees);
    }

    @Test
    void agreesWithJacksonOnGeneratedAndMutatedDocuments() {
        Random random = new Random(20261127);
        String noise = "{}[]\",:\\/ \t\n-+.0123456789eEtrufalsn\u0000\u001f\u00e9\ud83d\ude00\ud800x";
        int accepted = 0;
        for (int i = 0; i < 30_000; i++) {
            String doc = object(random, 0);
            if (i % 3 != 0) { // mutate two documents in three: insert, delete or replace a few characters
                StringBuilder b = new StringBuilder(doc);
                for (int m = 1 + random.nextInt(3); m > 0 && !b.isEmpty(); m--) {
                    int at = random.nextInt(b.length());
                    switch (random.nextInt(3)) {
                        case 0 -> b.insert(at, noise.charAt(random.nextInt(noise.length())));
                        case 1 -> b.deleteCharAt(at);
                        default -> b.setCharAt(at, noise.charAt(random.nextInt(noise.length())));
                    }
                }
                doc = b.toString();
            }
            Answer answer = ours(doc);
            assertThat(answer).as("%s", printable(doc)).isEqualTo(jackson(doc));
            accepted += answer.refused() ? 0 : 1;
        }
        // Both kinds of answer were exercised, many times over.
        assertThat(accepted).isBetween(5_000, 25_000);
    }

    private static String object(Random r, int depth) {
        StringBuilder b = new StringBuilder().append(ws(r)).append('{');
        int members = r.nextInt(depth == 0 ? 6 : 3);
        for (int i = 0; i < members; i++) {
            b.append(i == 0 ? "" : ",").append(ws(r)).append(string(r)).append(ws(r)).append(':').append(ws(r)).append(value(r, depth + 1)).append(ws(r));
        }
        return b.append('}').append(ws(r)).toString();
    }

    private static String value(Random r, int depth) {
        return switch (r.nextInt(depth > 4 ? 6 : 8)) {
            case 0, 1 -> string(r);
            case 2 -> number(r);
            case 3 -> "true";
            case 4 -> "false";
            case 5 -> "null";
            case 6 -> object(r, depth);
            default -> {
                StringBuilder b = new StringBuilder("[");
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    b.append(i == 0 ? "" : ",").append(ws(r)).append(value(r, depth + 1)).append(ws(r));
                }
                yield b.append(']').toString();
            }
        };
    }

    private static String string(Random r) {
        String[] pieces = {"a", "cwd", "session_id", "/home/u/p", " ", "\u00e9", "\ud83d\ude00", "\\n", "\\\"", "\\\\", "\\/", "\\u00e9",
            "\\uD83D\\uDE00", "\\ud800", "\\b\\f\\r\\t", "\u2028", "x"};
        StringBuilder b = new StringBuilder("\"");
        for (int n = r.nextInt(5); n > 0; n--) {
            b.append(pieces[r.nextInt(pieces.length)]);
        }
        return b.append('"').toString();
    }

    private static String number(Random r) {
        String[] ints = {"0", "-0", "7", "-12", "123456789012345678901234567890"};
        String[] fractions = {"", "", ".5", ".000", ".25"};
        String[] exponents = {"", "", "e5", "E-3", "e+10"};
        return ints[r.nextInt(ints.length)] + fractions[r.nextInt(fractions.length)] + exponents[r.nextInt(exponents.length)];
    }

    private static String ws(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> " ";
            case 1 -> "\n\t";
            case 2 -> "\r\n  ";
            default -> "";
        };
    }
}
