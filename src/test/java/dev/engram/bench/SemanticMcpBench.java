package dev.engram.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code mem_search} latency through MCP: starts {@code engram mcp} from the jar with the launcher's JVM flags
 * for mcp (C1, SerialGC) on a data directory seeded by {@link SemanticSpeedBench}, waits until {@code mem_stats}
 * reports the index ready, then times the recall corpus's 600 questions in keyword and hybrid mode.
 *
 * <pre>mvn -o -q package -DskipTests &amp;&amp; bench/run dev.engram.bench.SemanticMcpBench target/engram.jar /tmp/ss100k</pre>
 */
public final class SemanticMcpBench {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static int ids;

    private SemanticMcpBench() {
    }

    public static void main(String[] args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xlog:disable", "-Xlog:all=warning:stderr",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", args[0], "--data-dir", args[1], "mcp")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        PrintStream out = new PrintStream(p.getOutputStream(), true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        call(out, in, "initialize", JSON.readTree("{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                + "\"clientInfo\":{\"name\":\"bench\",\"version\":\"1\"}}"));
        out.println("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        long t0 = System.nanoTime();
        while (!tool(out, in, "mem_stats", JSON.createObjectNode()).get("index").get("state").asString().equals("ready")) {
            Thread.sleep(200);
        }
        System.out.printf(Locale.ROOT, "index ready %.1f s after initialize%n", (System.nanoTime() - t0) / 1e9);
        List<String> questions = RecallCorpus.generate(600, 0, 7).questions.stream().map(RecallCorpus.Question::text).toList();
        for (int i = 0; i < 100; i++) {
            tool(out, in, "mem_search", search(questions.get(i), "hybrid"));
        }
        for (String mode : List.of("keyword", "hybrid")) {
            long[] ns = new long[questions.size()];
            for (int i = 0; i < ns.length; i++) {
                long t = System.nanoTime();
                JsonNode r = tool(out, in, "mem_search", search(questions.get(i), mode));
                ns[i] = System.nanoTime() - t;
                if (!r.get("mode").asString().equals(mode)) {
                    throw new IllegalStateException("ran " + r.get("mode") + " instead of " + mode);
                }
            }
            Arrays.sort(ns);
            System.out.printf(Locale.ROOT, "MCP mem_search %-8s p50 %6.2f ms   p90 %6.2f ms%n", mode, ns[ns.length / 2] / 1e6,
                    ns[ns.length * 9 / 10] / 1e6);
        }
        out.close();
        p.waitFor();
    }

    private static ObjectNode search(String query, String mode) {
        ObjectNode a = JSON.createObjectNode();
        a.put("query", query);
        a.put("mode", mode);
        return a;
    }

    private static JsonNode tool(PrintStream out, BufferedReader in, String name, JsonNode arguments) throws Exception {
        ObjectNode params = JSON.createObjectNode();
        params.put("name", name);
        params.set("arguments", arguments);
        return JSON.readTree(call(out, in, "tools/call", params).get("result").get("content").get(0).get("text").asString());
    }

    private static JsonNode call(PrintStream out, BufferedReader in, String method, JsonNode params) throws Exception {
        ObjectNode msg = JSON.createObjectNode();
        msg.put("jsonrpc", "2.0");
        msg.put("id", ++ids);
        msg.put("method", method);
        msg.set("params", params);
        out.println(JSON.writeValueAsString(msg));
        return JSON.readTree(in.readLine());
    }

}
