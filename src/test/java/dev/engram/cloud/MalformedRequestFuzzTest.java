package dev.engram.cloud;

import static dev.engram.cloud.Mutations.body;
import static dev.engram.cloud.Mutations.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.cloud.CloudHttp.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import dev.engram.base.Limits;
import java.time.Duration;
import java.time.Instant;
import tools.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A few thousand malformed requests from a seeded generator: every answer is a 4xx with a JSON
 * {@code error_code} and no stack trace, nothing is stored, and the server keeps serving.
 */
class MalformedRequestFuzzTest {
    private static final long SEED = 20261127L;
    private static final int REQUESTS = 3000;
    private static final int MAX_BYTES = 16 * 1024;

    @TempDir
    Path dir;
    private CloudServer server;
    private CloudHttp http;
    private String token;

    @BeforeEach
    void start() {
        server = CloudServer.start(CloudServerConfig.defaults().withPort(0).withMaxPushBytes(MAX_BYTES).withMaxPushEntries(20)
                .withDatabase(CloudDatabaseUrl.parse("--db", dir.resolve("fuzz.db").toString())));
        http = new CloudHttp(server.baseUri());
        token = server.tokens().create("fuzzer", List.of("alpha")).token();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void thousandsOfMalformedRequestsGetJson4xxAndStoreNothing() {
        Random random = new Random(SEED);
        Map<Integer, Integer> statuses = new HashMap<>();
        List<Supplier<Reply>> kinds = kinds(random);
        int previous = -1;
        for (int i = 0; i < REQUESTS; i++) {
            int kind = random.nextInt(kinds.size());
            Reply r;
            try {
                r = kinds.get(kind).get();
            } catch (RuntimeException e) {
                throw new AssertionError("request " + i + " (kind " + kind + ", after kind " + previous + ") failed: " + e, e);
            }
            previous = kind;
            statuses.merge(r.status(), 1, Integer::sum);
            assertThat(r.status()).as("request %d (kind %d) answered %s", i, kind, r.body()).isBetween(400, 499);
            assertThat(r.body()).as("request %d (kind %d)", i, kind).startsWith("{\"error_code\":\"").doesNotContain("\tat ").doesNotContain("Exception");
        }
        assertThat(statuses).containsKeys(400, 401, 403, 404, 405, 413);
        Reply pull = http.pull(token, "since_seq=0");
        assertThat(pull.status()).isEqualTo(200);
        assertThat(pull.json().get("mutations")).isEmpty();
        assertThat(http.push(token, body(entry("ok:1", "alpha"))).status()).isEqualTo(200);
    }

    @Test
    void garbageBelowHttpGetsAJson400FromJetty() throws IOException {
        try (Socket s = new Socket(server.baseUri().getHost(), server.port())) {
            OutputStream out = s.getOutputStream();
            out.write("GARBAGE /\u0001\u0002 NOT-HTTP\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(response).startsWith("HTTP/1.1 400");
            assertThat(response).doesNotContain("<html").doesNotContain("\tat ");
        }
        assertThat(http.get("/health", null).status()).isEqualTo(200);
    }

    private List<Supplier<Reply>> kinds(Random random) {
        List<Supplier<Reply>> kinds = new ArrayList<>();
        // random bytes as a body
        kinds.add(() -> http.push(token, randomText(random, random.nextInt(200))));
        // a valid body cut short
        kinds.add(() -> {
            String b = body(entry("t:" + random.nextInt(), "alpha"));
            return http.push(token, b.substring(0, 1 + random.nextInt(b.length() - 1)));
        });
        // one required field removed, retyped or set to an unknown value
        kinds.add(() -> http.push(token, body(corrupt(random))));
        // a valid entry next to a corrupt one: the batch is all or nothing
        kinds.add(() -> http.push(token, body(entry("v:" + random.nextInt(), "alpha"), corrupt(random))));
        // JSON of the wrong shape
        kinds.add(() -> http.push(token, pick(random, "[]", "null", "1", "\"x\"", "{}", "{\"entries\":{}}", "{\"entries\":null}",
                "{\"entries\":[null]}", "{\"entries\":[[]]}", "{\"entries\":\"a\"}", "{\"entries\":[]} trailing", "")));
        // deep nesting
        kinds.add(() -> http.push(token, "{\"entries\":" + "[".repeat(500 + random.nextInt(500)) + "]".repeat(10)));
        // too many entries
        kinds.add(() -> {
            List<String> e = new ArrayList<>();
            for (int i = 0; i < 21 + random.nextInt(30); i++) {
                e.add(entry("m:" + random.nextInt(), "alpha"));
            }
            return http.push(token, body(e));
        });
        // a body over the limit
        kinds.add(() -> http.push(token, body(entry("big:" + random.nextInt(), "alpha", "observation", "k", "upsert",
                "{\"content\":\"" + "x".repeat(MAX_BYTES + random.nextInt(MAX_BYTES)) + "\"}"))));
        // bad or missing authorization
        kinds.add(() -> http.sendWithAuthorization(random.nextBoolean() ? "POST" : "GET",
                random.nextBoolean() ? "/sync/mutations/push" : "/sync/mutations/pull",
                pick(random, null, "", "Bearer", "Bearer ", "Basic Zm9vOmJhcg==", "Bearer egr_" + randomToken(random), "bearer  x y",
                        "Bearer " + token + "x", token), body(entry("a:" + random.nextInt(), "alpha"))));
        // a project that is not granted
        kinds.add(() -> http.push(token, body(entry("g:" + random.nextInt(), pick(random, "beta", "secret", "alpha2")))));
        // bad pull parameters
        kinds.add(() -> http.pull(token, pick(random, "since_seq", "limit", "wait_ms") + "=" + java.net.URLEncoder.encode(
                pick(random, "-1", "abc", "1e3", "0x10", "99999999999999999999999", "1.5", " 1", "\u0000", "-0.0", "+-1", "--1"),
                StandardCharsets.UTF_8)));
        // unknown paths and methods
        kinds.add(() -> http.send(pick(random, "GET", "PUT", "DELETE", "PATCH", "POST"),
                pick(random, "/", "/sync", "/sync/mutations", "/sync/mutations/push/x", "/admin", "/health/x", "/%2e%2e/etc"), token, null));
        kinds.add(() -> http.send(pick(random, "PUT", "DELETE", "PATCH"), pick(random, "/sync/mutations/push", "/sync/mutations/pull", "/health"), token, "{}"));
        // a well-formed entry with one absurd value (NUL, far-future or pre-1970 time, bad version, over-long key) or
        // whose payload disagrees with its envelope, alone or next to a valid entry
        kinds.add(() -> http.push(token, body(absurd(random))));
        kinds.add(() -> http.push(token, body(entry("v:" + random.nextInt(), "alpha"), absurd(random))));
        return kinds;
    }

    private static String corrupt(Random random) {
        String[] fields = {"mutation_id", "project", "entity", "entity_key", "op", "payload"};
        Map<String, String> values = new java.util.LinkedHashMap<>();
        values.put("mutation_id", "\"c:" + random.nextInt() + "\"");
        values.put("project", "\"alpha\"");
        values.put("entity", "\"observation\"");
        values.put("entity_key", "\"obs-1\"");
        values.put("op", "\"upsert\"");
        values.put("payload", "{\"sync_id\":\"obs-1\"}");
        String field = fields[random.nextInt(fields.length)];
        switch (random.nextInt(3)) {
            case 0 -> values.remove(field);
            case 1 -> values.put(field, pick(random, "1", "true", "null", "[]", "\"\"", "\"   \"", "{}", "1.5").equals("{}") && field.equals("payload")
                    ? "[]" : retype(random, field));
            default -> values.put(field, unknownValue(random, field));
        }
        StringBuilder sb = new StringBuilder("{");
        values.forEach((k, v) -> sb.append(sb.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
        return sb.append('}').toString();
    }

    /** A valid observation upsert with exactly one thing wrong with it (contract 8.5's sane values and agreement). */
    private static String absurd(Random random) {
        ObjectNode e = (ObjectNode) CloudHttp.JSON.readTree(entry("z:" + random.nextInt(), "alpha"));
        ObjectNode payload = (ObjectNode) e.get("payload");
        String key = e.get("entity_key").asString();
        String longKey = "k".repeat(Limits.MAX_KEY_CHARS + 1 + random.nextInt(100));
        switch (random.nextInt(6)) {
            case 0 -> {
                String field = pick(random, "mutation_id", "entity_key", "entity", "op", "project", "title", "content", "session_id", "type");
                ObjectNode target = List.of("mutation_id", "entity_key", "entity", "op", "project").contains(field) ? e : payload;
                String before = target.has(field) ? target.get(field).asString() : "x";
                target.put(field, before.substring(0, before.length() / 2) + "\u0000" + before.substring(before.length() / 2));
            }
            case 1 -> payload.put(pick(random, "created_at", "updated_at", "deleted_at"), pick(random, "+999999999-01-01T00:00:00Z",
                    "9999-12-31T23:59:59.999Z", "2099-01-01T00:00:00Z", Instant.now().plus(Duration.ofDays(2)).toString(),
                    "1969-12-31T23:59:59Z", "-000001-01-01T00:00:00Z", "yesterday", "2026-13-40T99:99:99Z", "", "1700000000"));
            case 2 -> payload.put("version", pick(random, "ffffffffffff.ffff.x",
                    String.format("%012x.0000.r-1", Instant.now().plus(Duration.ofDays(2)).toEpochMilli()), "0001-r1", "",
                    "0192f3a4b5c6.0000.", "0192f3a4b5c6.0000." + "r".repeat(65), "0192F3A4B5C6.0000.r-1", "0192f3a4b5c6.0000.r 1",
                    "0192f3a4b5c6.0000.r\u00e9"));
            case 3 -> {
                String field = pick(random, "entity_key", "mutation_id", "session_id", "topic_key", "type", "tool_name", "sync_id");
                if (field.equals("entity_key") || field.equals("sync_id")) {
                    e.put("entity_key", longKey);
                    payload.put("sync_id", longKey);
                } else if (field.equals("mutation_id")) {
                    e.put("mutation_id", longKey);
                } else {
                    payload.put(field, longKey);
                }
            }
            case 4 -> {
                switch (random.nextInt(4)) {
                    case 0 -> payload.put("project", pick(random, "beta", "secret", "alpha2"));
                    case 1 -> payload.put("sync_id", key + "-other");
                    case 2 -> e.put("entity", "session");
                    default -> payload.remove(pick(random, "project", "sync_id"));
                }
            }
            default -> payload.put(pick(random, "title", "type"), "t".repeat(pick(random, 1001, 2000)));
        }
        return CloudHttp.JSON.writeValueAsString(e);
    }

    private static String retype(Random random, String field) {
        if (field.equals("payload")) {
            return pick(random, "1", "true", "\"{}\"", "[]", "null");
        }
        return pick(random, "1", "true", "null", "[]", "{}", "\"\"", "\"   \"", "1.5");
    }

    private static String unknownValue(Random random, String field) {
        return switch (field) {
            case "entity" -> pick(random, "\"memory\"", "\"Observation\"", "\"sessions\"");
            case "op" -> pick(random, "\"merge\"", "\"UPSERT\"", "\"remove\"");
            case "project" -> pick(random, "\"Alpha\"", "\" alpha\"", "\"ALPHA\"");
            case "payload" -> "{\"sync_id\":\"x\"}, \"op\":\"delete\"";
            default -> "\"" + "k".repeat(Limits.MAX_KEY_CHARS + 1) + "\"";
        };
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... options) {
        return options[random.nextInt(options.length)];
    }

    private static String randomText(Random random, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append((char) (random.nextBoolean() ? 32 + random.nextInt(95) : random.nextInt(0x3000)));
        }
        return sb.toString();
    }

    private static String randomToken(Random random) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
