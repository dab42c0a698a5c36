package dev.engram.transport;

import dev.engram.base.InvalidInputException;
import dev.engram.logging.ComponentLogger;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * {@link SyncTransport} over HTTP (contract 8) with the JDK's {@link HttpClient}: JSON bodies, a Bearer
 * token, HTTP/1.1 (the default would offer an {@code h2c} upgrade that plain-HTTP servers mishandle),
 * a connect timeout, a request timeout that grows with the long-poll wait, and a cap on response bodies.
 * Every failure becomes a {@link TransportException} whose message names the request and never the token.
 */
public final class HttpSyncTransport implements SyncTransport, AutoCloseable {
    static final String PUSH_PATH = "/sync/mutations/push";
    static final String PULL_PATH = "/sync/mutations/pull";
    private static final ComponentLogger log = ComponentLogger.of("transport");
    /** The largest pull answer of one mutation taken: the cloud server's push body ceiling (1 GiB) plus the envelope. */
    static final long SINGLE_MUTATION_CAP = (1L << 30) + (1L << 20);

    /**
     * @param connectTimeout  how long to wait for a connection (default 10s)
     * @param requestTimeout  how long to wait for a whole answer, on top of a pull's {@code wait_ms} (default 60s)
     * @param maxResponseBytes responses above this are refused as a protocol error (default 64 MiB)
     */
    public record Settings(Duration connectTimeout, Duration requestTimeout, long maxResponseBytes) {
        public static final Settings DEFAULTS = new Settings(Duration.ofSeconds(10), Duration.ofSeconds(60), 64L << 20);

        public Settings {
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(requestTimeout, "requestTimeout");
            if (maxResponseBytes < 1024) {
                throw new IllegalArgumentException("maxResponseBytes must be at least 1024, was " + maxResponseBytes);
            }
        }
    }

    private final URI base;
    private final String authorization;
    private final Settings settings;
    private final HttpClient client;

    /**
     * @param server base URL of the cloud server, {@code http://} or {@code https://}
     * @param token  the bearer token; kept only in the Authorization header
     * @throws InvalidInputException when the URL or the token is unusable
     */
    public HttpSyncTransport(String server, String token, Settings settings) {
        this.base = baseUri(server);
        if (token == null || token.isBlank() || token.chars().anyMatch(ch -> ch < 0x21 || ch > 0x7e)) {
            throw new InvalidInputException("token", "the cloud token must be non-blank printable ASCII without spaces");
        }
        this.authorization = "Bearer " + token.strip();
        this.settings = Objects.requireNonNull(settings, "settings");
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public HttpSyncTransport(String server, String token) {
        this(server, token, Settings.DEFAULTS);
    }

    @Override
    public PushAck push(List<OutboundMutation> batch) {
        String name = "POST " + PUSH_PATH;
        HttpRequest request = request(PUSH_PATH, settings.requestTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(WireJson.pushRequest(batch), StandardCharsets.UTF_8))
                .build();
        return WireJson.pushResponse(exchange(name, request, settings.maxResponseBytes()), name);
    }

    @Override
    public PullPage pull(long sinceSeq, int limit, long waitMs) {
        String query = "?since_seq=" + sinceSeq + "&limit=" + limit + (waitMs > 0 ? "&wait_ms=" + waitMs : "");
        String name = "GET " + PULL_PATH;
        HttpRequest request = request(PULL_PATH + query, settings.requestTimeout().plusMillis(Math.max(0, waitMs))).GET().build();
        // A page of one mutation is taken whatever its size (up to what any server may store): the client
        // never refuses a page the server may send, or it would ask for the same page for ever.
        long cap = limit == 1 ? Math.max(settings.maxResponseBytes(), SINGLE_MUTATION_CAP) : settings.maxResponseBytes();
        return WireJson.pullResponse(exchange(name, request, cap), name);
    }

    @Override
    public void close() {
        client.close();
    }

    private HttpRequest.Builder request(String pathAndQuery, Duration timeout) {
        return HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(timeout)
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .header("User-Agent", "engram-java");
    }

    /** Sends {@code request}; returns the body of a 200, throws a classified-ready exception for anything else. */
    private byte[] exchange(String name, HttpRequest request, long maxBytes) {
        long started = System.nanoTime();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw TransportException.of(FailureKind.TIMEOUT, name + ": connect timed out after "
                    + settings.connectTimeout().toMillis() + "ms", e);
        } catch (HttpTimeoutException e) {
            throw TransportException.of(FailureKind.TIMEOUT, name + ": no answer within " + request.timeout().map(Duration::toMillis)
                    .orElse(0L) + "ms", e);
        } catch (ConnectException e) {
            throw TransportException.of(FailureKind.CONNECT, name + ": cannot connect to " + base + ": " + reason(e), e);
        } catch (IOException e) {
            throw TransportException.of(FailureKind.RESET, name + ": connection failed: " + reason(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TransportException.of(FailureKind.TIMEOUT, name + ": interrupted", e);
        }
        byte[] body = read(name, response, maxBytes);
        int status = response.statusCode();
        log.atDebug().setMessage("sync request").addKeyValue("method", request.method()).addKeyValue("path", request.uri().getPath())
                .addKeyValue("status", status).addKeyValue("bytes", body.length)
                .addKeyValue("elapsed", Duration.ofNanos(System.nanoTime() - started)).log();
        if (status != 200) {
            WireJson.ErrorBody error = WireJson.errorBody(body);
            throw TransportException.http(status, error.code(), name + ": " + status + (error.code() == null ? "" : " " + error.code())
                    + (error.message() == null ? "" : ": " + error.message()), error.entries());
        }
        return body;
    }

    private static byte[] read(String name, HttpResponse<InputStream> response, long maxBytes) {
        try (InputStream in = response.body()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (body.length > maxBytes) {
                throw TransportException.tooLarge(name + ": response larger than " + maxBytes + " bytes");
            }
            return body;
        } catch (IOException e) {
            throw TransportException.of(FailureKind.RESET, name + ": connection failed while reading the answer: " + reason(e), e);
        }
    }

    private static String reason(IOException e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static URI baseUri(String server) {
        URI uri;
        try {
            uri = URI.create(server == null ? "" : server.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("server", "the cloud server URL is not a valid URL");
        }
        if (uri.getUserInfo() != null) {
            // Never echo it: the user part may hold a secret.
            throw new InvalidInputException("server", "the cloud server URL must not carry credentials; use --token");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new InvalidInputException("server", "the cloud server URL must be http://HOST[:PORT] or https://..., was '" + server + "'");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new InvalidInputException("server", "the cloud server URL must not carry a query or a fragment, was '" + server + "'");
        }
        String text = uri.toString();
        return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }
}
