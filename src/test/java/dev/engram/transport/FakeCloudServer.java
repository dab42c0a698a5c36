package dev.engram.transport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The wire protocol of contract 8 on a JDK {@link HttpServer} (port 0), in front of a
 * {@link FakeSyncTransport} that holds the data: lets {@link HttpSyncTransport} be tested end to end,
 * including raw answers a real server would never give.
 */
public final class FakeCloudServer implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public record Seen(String method, String uri, Map<String, List<String>> headers, String body) { }

    private record Raw(int status, String body, boolean hang) { }

    private final FakeSyncTransport backend;
    private final String token;
    private final HttpServer server;
    private final List<Seen> seen = new ArrayList<>();
    private final Deque<Raw> script = new ArrayDeque<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    public FakeCloudServer(FakeSyncTransport backend, String token) throws IOException {
        this.backend = backend;
        this.token = token;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public synchronized List<Seen> seen() {
        return List.copyOf(seen);
    }

    /** The next request gets exactly this answer. */
    public synchronized FakeCloudServer respondNext(int status, String body) {
        script.add(new Raw(status, body, false));
        return this;
    }

    /** The next request never gets an answer (until the server closes). */
    public synchronized FakeCloudServer hangNext() {
        script.add(new Raw(0, null, true));
        return this;
    }

    private void handle(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Raw raw;
        synchronized (this) {
            seen.add(new Seen(ex.getRequestMethod(), ex.getRequestURI().toString(), Map.copyOf(ex.getRequestHeaders()), body));
            raw = script.poll();
        }
        try {
            if (raw != null && raw.hang()) {
                closing.await();
                return;
            }
            if (raw != null) {
                send(ex, raw.status(), raw.body());
                return;
            }
            if (!("Bearer " + token).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                send(ex, 401, "{\"error_code\":\"auth_required\",\"error\":\"unknown or revoked token\",\"details\":[]}");
                return;
            }
            String path = ex.getRequestURI().getPath();
            if (path.equals(HttpSyncTransport.PUSH_PATH) && ex.getRequestMethod().equals("POST")) {
                send(ex, 200, push(body));
            } else if (path.equals(HttpSyncTransport.PULL_PATH) && ex.getRequestMethod().equals("GET")) {
                send(ex, 200, pull(query(ex.getRequestURI().getRawQuery())));
            } else {
                send(ex, 404, "{\"error_code\":\"not_found\",\"error\":\"no route\",\"details\":[]}");
            }
        } catch (TransportException e) {
            send(ex, e.status(), "{\"error_code\":\"" + e.errorCode() + "\",\"error\":\"refused\",\"details\":[]}");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ex.close();
        }
    }

    private String push(String body) {
        List<OutboundMutation> batch = new ArrayList<>();
        for (JsonNode e : JSON.readTree(body).get("entries")) {
            batch.add(new OutboundMutation(e.get("mutation_id").stringValue(), e.get("project").stringValue(),
                    e.get("entity").stringValue(), e.get("entity_key").stringValue(), e.get("op").stringValue(),
                    e.get("payload").toString()));
        }
        ObjectNode out = JSON.createObjectNode();
        ArrayNode seqs = out.putArray("accepted_seqs");
        backend.push(batch).acceptedSeqs().forEach(seqs::add);
        return out.toString();
    }

    private String pull(Map<String, String> q) {
        PullPage page = backend.pull(Long.parseLong(q.get("since_seq")), Integer.parseInt(q.get("limit")),
                Long.parseLong(q.getOrDefault("wait_ms", "0")));
        ObjectNode out = JSON.createObjectNode();
        ArrayNode mutations = out.putArray("mutations");
        for (PulledMutation m : page.mutations()) {
            ObjectNode n = mutations.addObject();
            n.put("seq", m.seq());
            n.put("mutation_id", m.mutationId());
            n.put("project", m.project());
            n.put("entity", m.entity());
            n.put("entity_key", m.entityKey());
            n.put("op", m.op());
            n.set("payload", JSON.readTree(m.payloadJson()));
            n.put("occurred_at", m.occurredAt().toString());
        }
        out.put("has_more", page.hasMore());
        out.put("latest_seq", page.latestSeq());
        return out.toString();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                q.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return q;
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }
}
