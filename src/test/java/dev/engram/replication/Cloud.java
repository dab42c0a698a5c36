package dev.engram.replication;

import dev.engram.cloud.CloudDatabaseUrl;
import dev.engram.cloud.CloudServer;
import dev.engram.cloud.CloudServerConfig;
import dev.engram.transport.HttpSyncTransport;
import dev.engram.transport.PullPage;
import dev.engram.transport.PulledMutation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The real cloud server on loopback, on a SQLite database in a test directory. It can be stopped and
 * started again on the same port and database, which is what a client sees of a server restart.
 */
final class Cloud implements AutoCloseable {
    private final Path db;
    private final UnaryOperator<CloudServerConfig> tune;
    private CloudServer server;
    private int port;

    private Cloud(Path db, UnaryOperator<CloudServerConfig> tune) {
        this.db = db;
        this.tune = tune;
    }

    static Cloud start(Path dir) {
        return start(dir, c -> c);
    }

    /** @param tune adjusts the default configuration (port 0, SQLite in {@code dir}), e.g. a tiny push limit */
    static Cloud start(Path dir, UnaryOperator<CloudServerConfig> tune) {
        Cloud cloud = new Cloud(dir.resolve("cloud.db"), tune);
        cloud.startOn(0);
        return cloud;
    }

    private void startOn(int p) {
        server = CloudServer.start(tune.apply(CloudServerConfig.defaults().withPort(p)
                .withDatabase(CloudDatabaseUrl.parse("--db", db.toString()))));
        port = server.port();
    }

    /** The server goes away: connections are refused until {@link #restart}. */
    void stop() {
        server.close();
        server = null;
    }

    /** Same port, same database. */
    void restart() {
        startOn(port);
    }

    int port() {
        return port;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    String token(String name, String... projects) {
        return server.tokens().create(name, List.of(projects)).token();
    }

    void revoke(String name) {
        server.tokens().revoke(name);
    }

    /** Everything the server stores for the projects of {@code token}, read through the protocol itself. */
    List<PulledMutation> stored(String token) {
        List<PulledMutation> all = new ArrayList<>();
        try (HttpSyncTransport reader = new HttpSyncTransport(url(), token)) {
            long since = 0;
            PullPage page;
            do {
                page = reader.pull(since, 1000, 0);
                all.addAll(page.mutations());
                if (!page.mutations().isEmpty()) {
                    since = page.mutations().getLast().seq();
                }
            } while (page.hasMore());
        }
        return all;
    }

    @Override
    public void close() {
        if (server != null) {
            stop();
        }
    }
}
