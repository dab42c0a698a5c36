package dev.engram.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** {@link JsonStrings}: what {@code JSON.stringify} writes, and text that comes back exactly once parsed. */
class JsonStringsTest {
    private static String quoted(String s) {
        return JsonStrings.quote(s, new StringBuilder()).toString();
    }

    @Test
    void escapesWhatJsonStringifyEscapesAndNothingElse() {
        assertThat(quoted("")).isEqualTo("\"\"");
        assertThat(quoted("a\"b\\c/d")).isEqualTo("\"a\\\"b\\\\c/d\"");
        assertThat(quoted("\b\t\n\f\r")).isEqualTo("\"\\b\\t\\n\\f\\r\"");
        assertThat(quoted("\u0000\u001f\u007f")).isEqualTo("\"\\u0000\\u001f\u007f\"");
        assertThat(quoted("\u2028\u2029\u00e9\ufeff\uffff")).isEqualTo("\"\u2028\u2029\u00e9\ufeff\uffff\"");
        assertThat(quoted("\ud83d\ude00")).isEqualTo("\"\ud83d\ude00\"");
        assertThat(quoted("\ud800x\udc00\udc00\ud800")).isEqualTo("\"\\ud800x\\udc00\\udc00\\ud800\"");
    }

    @Test
    void anyTextComesBackExactly() {
        JsonMapper json = JsonMapper.builder().build();
        SplittableRandom random = new SplittableRandom(5);
        char[] odd = {'"', '\\', '/', '\n', '\u0000', '\u001f', '\u007f', '\u2028', '\ud83d', '\ude00', '\ud800', '\udfff', 'a', ' ', '\u00e9'};
        for (int i = 0; i < 5_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                text.append(random.nextInt(3) == 0 ? (char) random.nextInt(0x10000) : odd[random.nextInt(odd.length)]);
            }
            assertThat(json.readTree(quoted(text.toString())).asString()).isEqualTo(text.toString());
        }
    }
}
