package dev.engram.cloud;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP/1.1 client for tests against a real server: raw requests in, status and parsed JSON out. */
final class CloudHttp {
    static final ObjectMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    CloudHttp(URI base) {
        this.base = base;
    }

    Reply push(String token, String body) {
        return send("POST", "/sync/mutations/push", token, body);
    }

    Reply pull(String token, String query) {
        return send("GET", "/sync/mutations/pull" + (query.isEmpty() ? "" : "?" + query), token, null);
    }

    Reply get(String path, String token) {
        return send("GET", path, token, null);
    }

    Reply send(String method, String path, String token, String body) {
        return sendWithAuthorization(method, path, token == null ? null : "Bearer " + token, body);
    }

    Reply sendWithAuthorization(String method, String path, String authorization, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return send(b.build());
    }

    Reply send(HttpRequest request) {
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response: its status and body, with the body parsed as JSON on demand. */
    record Reply(int status, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        String errorCode() {
            return json().get("error_code").asString();
        }
    }
}
