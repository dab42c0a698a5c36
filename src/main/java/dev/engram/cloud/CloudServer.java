package dev.engram.cloud;

import dev.engram.base.EngramException;
import dev.engram.logging.ComponentLogger;
import io.javalin.Javalin;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.random.RandomGenerator;
import tools.jackson.databind.ObjectMapper;

/**
 * A running cloud server. {@link #start} opens (and migrates) the store, binds the port and
 * returns once requests are served; {@link #close} releases waiting long polls, stops HTTP and
 * closes the store. In-process use (tests, {@code ./engram demo}):
 *
 * <pre>{@code
 * try (CloudServer server = CloudServer.start(CloudServerConfig.defaults().withPort(0)
 *         .withDatabase(CloudDatabaseUrl.parse("--db", dir.resolve("cloud.db").toString())))) {
 *     String token = server.tokens().create("laptop", List.of("my-project")).token();
 *     URI base = server.baseUri();
 * }
 * }</pre>
 */
public final class CloudServer implements AutoCloseable {
    private static final ComponentLogger log = ComponentLogger.of("cloud");

    private final Javalin app;
    private final CloudStore store;
    private final ChangeSignal signal;
    private final AutoCloseable remoteWatch;
    private final TokenAdmin tokens;
    private final String host;
    private final int port;

    private CloudServer(Javalin app, CloudStore store, ChangeSignal signal, AutoCloseable remoteWatch, TokenAdmin tokens, String host) {
        this.app = app;
        this.store = store;
        this.signal = signal;
        this.remoteWatch = remoteWatch;
        this.tokens = tokens;
        this.host = host;
        this.port = app.port();
    }

    /** Starts a server; the returned handle is already serving. @throws EngramException when the store or the port cannot be opened */
    public static CloudServer start(CloudServerConfig config) {
        return start(config, Clock.systemUTC(), new SecureRandom());
    }

    static CloudServer start(CloudServerConfig config, Clock clock, RandomGenerator random) {
        CloudStore store = CloudStores.open(config.database(), clock, random);
        try {
            ObjectMapper json = CloudJson.mapper();
            ChangeSignal signal = new ChangeSignal();
            CloudMetrics metrics = new CloudMetrics(store.kind());
            SyncRoutes routes = new SyncRoutes(store, new Authenticator(store, config.staticToken()),
                    new PushParser(json, config.maxPushEntries(), clock), signal, metrics, json, clock, config.maxPushBytes(), config.maxPullBytes(), config.version());
            Javalin app = HttpServerFactory.create(config, json, metrics, routes);
            try {
                app.start();
            } catch (RuntimeException e) {
                throw new EngramException("cannot listen on " + config.host() + ":" + config.port() + ": " + rootMessage(e), e);
            }
            AutoCloseable watch = store.watchRemoteChanges(signal::fire);
            CloudServer server = new CloudServer(app, store, signal, watch, new TokenAdmin(store, clock, random, false), config.host());
            log.atInfo().setMessage("server started").addKeyValue("host", config.host()).addKeyValue("port", server.port())
                    .addKeyValue("store", store.kind()).addKeyValue("db", config.database().display())
                    .addKeyValue("max_push_entries", config.maxPushEntries()).addKeyValue("max_push_bytes", config.maxPushBytes())
                    .addKeyValue("max_pull_bytes", config.maxPullBytes()).addKeyValue("server_id", store.serverId())
                    .addKeyValue("static_token", config.staticToken().isPresent()).log();
            return server;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return port;
    }

    /** {@code http://host:port}, the base URL clients are configured with. */
    public URI baseUri() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        if (h.equals("0.0.0.0") || h.equals("[::]")) {
            h = "127.0.0.1";
        }
        return URI.create("http://" + h + ":" + port());
    }

    /** Token administration on this server's database (creating a token needs no restart). */
    public TokenAdmin tokens() {
        return tokens;
    }

    /** {@code sqlite} or {@code postgresql}. */
    public String storeKind() {
        return store.kind();
    }

    @Override
    public void close() {
        signal.close();
        app.stop();
        try {
            remoteWatch.close();
        } catch (Exception e) {
            log.atDebug().setMessage("listener close failed").addKeyValue("error", String.valueOf(e.getMessage())).log();
        }
        store.close();
        log.atInfo().setMessage("server stopped").addKeyValue("port", port()).log();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }
}
