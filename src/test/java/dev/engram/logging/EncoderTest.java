package dev.engram.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EncoderTest {
    static final String HOSTILE = "line one\nlevel=ERROR msg=\"forged\" component=evil\r\n{\"level\":\"ERROR\"}\t\u0000\u2028 \\\" end";
    final LoggerContext context = new LoggerContext();

    private LoggingEvent event(String message, Throwable thrown, KeyValuePair... pairs) {
        LoggingEvent e = new LoggingEvent("x", context.getLogger("engram.autosync"), Level.WARN, message, thrown, null);
        e.setTimeStamp(Instant.parse("2026-11-27T06:00:00.123Z").toEpochMilli());
        for (KeyValuePair kv : pairs) {
            e.addKeyValuePair(kv);
        }
        return e;
    }

    private static String encode(LogFormat format, LoggingEvent e) {
        return new String(EventEncoder.of(format).encode(e), StandardCharsets.UTF_8);
    }

    @Test
    void jsonIsOneFlatTypedObjectPerLine() {
        String line = encode(LogFormat.JSON, event("manager started", null,
                new KeyValuePair("component", "autosync"), new KeyValuePair("target_key", "cloud"),
                new KeyValuePair("poll_interval", Duration.ofSeconds(30)), new KeyValuePair("push_batch", 100),
                new KeyValuePair("healthy", true), new KeyValuePair("backoff_until", null),
                new KeyValuePair("at", Instant.parse("2026-11-27T06:00:01Z"))));

        assertThat(line).endsWith("}\n").doesNotContain("\n{");
        assertThat(line).startsWith("{\"time\":\"2026-11-27T06:00:00.123Z\",\"level\":\"WARN\",\"msg\":\"manager started\",\"component\":\"autosync\"");
        JsonNode n = JsonMapper.builder().build().readTree(line);
        assertThat(n.get("poll_interval").isNumber()).isTrue();
        assertThat(n.get("poll_interval").longValue()).isEqualTo(30_000);
        assertThat(n.get("push_batch").intValue()).isEqualTo(100);
        assertThat(n.get("healthy").booleanValue()).isTrue();
        assertThat(n.get("backoff_until").isNull()).isTrue();
        assertThat(n.get("at").stringValue()).isEqualTo("2026-11-27T06:00:01.000Z");
    }

    @Test
    void logfmtQuotesOnlyWhatNeedsQuoting() {
        String line = encode(LogFormat.LOGFMT, event("manager started", null,
                new KeyValuePair("component", "autosync"), new KeyValuePair("target_key", "cloud"),
                new KeyValuePair("poll_interval", 30_000L), new KeyValuePair("empty", "")));
        assertThat(line).isEqualTo("time=2026-11-27T06:00:00.123Z level=WARN msg=\"manager started\" component=autosync "
                + "target_key=cloud poll_interval=30000 empty=\"\"\n");
    }

    @Test
    void noValueCanBreakALineOrForgeAFieldInAnyFormat() {
        RuntimeException thrown = new RuntimeException(HOSTILE);
        for (LogFormat format : LogFormat.values()) {
            String line = encode(format, event(HOSTILE, thrown, new KeyValuePair("component", "autosync"),
                    new KeyValuePair("error", HOSTILE), new KeyValuePair("level", "ERROR"), new KeyValuePair(HOSTILE, "k")));
            assertThat(line.indexOf('\n')).as(format.name()).isEqualTo(line.length() - 1);
            assertThat(line).as(format.name()).doesNotContain("\r").doesNotContain("\u0000").doesNotContain("\u2028");
            if (format == LogFormat.JSON) {
                JsonNode n = JsonMapper.builder().build().readTree(line);
                assertThat(n.get("level").stringValue()).isEqualTo("WARN");
                assertThat(n.get("component").stringValue()).isEqualTo("autosync");
                assertThat(n.get("error").stringValue()).isEqualTo(HOSTILE);
                assertThat(n.get("_level").stringValue()).isEqualTo("ERROR");
                assertThat(n.get("exception").stringValue()).contains("RuntimeException");
            }
            if (format == LogFormat.LOGFMT) {
                Map<String, String> fields = Logfmt.parse(line.strip());
                assertThat(fields).containsEntry("level", "WARN").containsEntry("component", "autosync")
                        .containsEntry("error", HOSTILE).containsEntry("_level", "ERROR").containsEntry("msg", HOSTILE);
                assertThat(fields.keySet()).containsExactly("time", "level", "msg", "component", "error", "_level",
                        Logfmt.sanitizedKey(HOSTILE), "exception");
            }
        }
    }

    @Test
    void librariesWithoutAComponentAreNamedByLogger() {
        LoggingEvent e = new LoggingEvent("x", context.getLogger("org.eclipse.jetty.Server"), Level.WARN, "started", null, null);
        e.setTimeStamp(0);
        assertThat(encode(LogFormat.LOGFMT, e)).contains(" logger=org.eclipse.jetty.Server");
        assertThat(encode(LogFormat.TEXT, e)).contains("WARN  org.eclipse.jetty.Server: started");
    }

    @Test
    void textIsReadableAndStillOneLine() {
        String line = encode(LogFormat.TEXT, event("push failed", null, new KeyValuePair("component", "autosync"),
                new KeyValuePair("error", "connection refused"), new KeyValuePair("elapsed", 12L)));
        assertThat(line).isEqualTo("2026-11-27T06:00:00.123Z WARN  autosync: push failed error=\"connection refused\" elapsed=12\n");
    }

    /** A strict logfmt reader: bare tokens or JSON-escaped quoted strings. */
    static final class Logfmt {
        static Map<String, String> parse(String line) {
            Map<String, String> out = new LinkedHashMap<>();
            int i = 0;
            while (i < line.length()) {
                int eq = line.indexOf('=', i);
                String key = line.substring(i, eq);
                assertThat(key).matches("[A-Za-z0-9_.-]+");
                i = eq + 1;
                String value;
                if (line.charAt(i) == '"') {
                    int end = i + 1;
                    while (line.charAt(end) != '"') {
                        end += line.charAt(end) == '\\' ? 2 : 1;
                    }
                    value = JsonMapper.builder().build().readValue(line.substring(i, end + 1), String.class);
                    i = end + 1;
                } else {
                    int end = line.indexOf(' ', i);
                    end = end < 0 ? line.length() : end;
                    value = line.substring(i, end);
                    i = end;
                }
                assertThat(out.put(key, value)).as("duplicate key " + key).isNull();
                if (i < line.length()) {
                    assertThat(line.charAt(i)).isEqualTo(' ');
                    i++;
                }
            }
            return out;
        }

        static String sanitizedKey(String key) {
            StringBuilder b = new StringBuilder();
            Escaping.key(b, key);
            return b.toString();
        }
    }
}
