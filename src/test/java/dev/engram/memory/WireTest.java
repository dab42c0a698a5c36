package dev.engram.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The journal's payloads, written with jackson-core alone: the exact text replicas and the server read, every
 * field present (absent values as JSON null), in the order the protocol lists them, and text that needs
 * escaping (quotes, newlines, non-ASCII, a lone surrogate's neighbours) surviving a round trip.
 */
class WireTest {
    private static final Instant T = Instant.parse("2026-11-27T10:15:30.123Z");

    @Test
    void anObservationPayloadHasEveryFieldInProtocolOrderWithNullsForAbsentValues() {
        Observation o = new Observation(7, "obs-1", null, "decision", "Use \"WAL\"", "line 1\nline 2 – ünïcödé 🚀", null, "demo",
                Scope.PROJECT, null, 2, 0, T, T, null);

        String json = Wire.observation(o, "v-1");

        assertThat(json).isEqualTo("{\"sync_id\":\"obs-1\",\"session_id\":null,\"type\":\"decision\",\"title\":\"Use \\\"WAL\\\"\","
                + "\"content\":\"line 1\\nline 2 – ünïcödé 🚀\",\"tool_name\":null,\"project\":\"demo\",\"scope\":\"project\","
                + "\"topic_key\":null,\"revision_count\":2,\"created_at\":\"" + dev.engram.base.Timestamps.format(T) + "\","
                + "\"updated_at\":\"" + dev.engram.base.Timestamps.format(T) + "\",\"deleted_at\":null,\"version\":\"v-1\"}");
        JsonNode back = Wire.Json.MAPPER.readTree(json);
        assertThat(back.get("content").stringValue()).isEqualTo(o.content());
        assertThat(back.get("title").stringValue()).isEqualTo(o.title());
    }

    @Test
    void aSoftDeleteIsTheWholeEntityPlusTheDeleteFlags() {
        Observation o = new Observation(7, "obs-1", "s1", "bugfix", "t", "c", "tool", "demo", Scope.PERSONAL, "k", 0, 0, T, T, T);

        JsonNode n = Wire.Json.MAPPER.readTree(Wire.softDelete(o, "v-2"));

        assertThat(n.propertyNames()).containsExactly("sync_id", "session_id", "type", "title", "content", "tool_name", "project",
                "scope", "topic_key", "revision_count", "created_at", "updated_at", "deleted_at", "version", "deleted", "hard_delete");
        assertThat(n.get("deleted").booleanValue()).isTrue();
        assertThat(n.get("hard_delete").booleanValue()).isFalse();
        assertThat(n.get("deleted_at").stringValue()).isEqualTo(dev.engram.base.Timestamps.format(T));
    }

    @Test
    void sessionPromptAndDeletePayloadsCarryTheirFields() {
        assertThat(Wire.Json.MAPPER.readTree(Wire.session(new Session("s1", "demo", "/src", T, null, null), "v")).propertyNames())
                .containsExactly("id", "project", "directory", "started_at", "ended_at", "summary", "version");
        assertThat(Wire.Json.MAPPER.readTree(Wire.prompt(new Prompt(1, "p-1", "s1", "ask", "demo", T), "v")).propertyNames())
                .containsExactly("sync_id", "session_id", "content", "project", "created_at", "version");
        assertThat(Wire.delete("obs-1", T, true, "v")).isEqualTo("{\"sync_id\":\"obs-1\",\"deleted\":true,\"deleted_at\":\""
                + dev.engram.base.Timestamps.format(T) + "\",\"hard_delete\":true,\"version\":\"v\"}");
    }
}
