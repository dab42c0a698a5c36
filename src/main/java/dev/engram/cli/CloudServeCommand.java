package dev.engram.cli;

import dev.engram.cloud.CloudDatabaseUrl;
import dev.engram.cloud.CloudServer;
import dev.engram.cloud.CloudServerConfig;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code engram cloud serve}: runs the cloud server until SIGINT or SIGTERM. */
@Command(name = "serve",
        description = "Run the cloud server that replicas push to and pull from (see docs/cloud-server.md).",
        footer = {"", "Environment: ENGRAM_CLOUD_HOST, ENGRAM_CLOUD_DB, ENGRAM_CLOUD_MAX_PUSH_BYTES (default 8MiB),",
                "ENGRAM_CLOUD_MAX_PUSH_ENTRIES (default 100), ENGRAM_CLOUD_MAX_PULL_BYTES (default 4MiB),",
                "ENGRAM_CLOUD_TOKEN with ENGRAM_CLOUD_ALLOWED_PROJECTS (quick start)."})
public final class CloudServeCommand implements Callable<Integer>, LongRunning {

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "${env:ENGRAM_CLOUD_HOST:-127.0.0.1}",
            description = "Address to bind (env ENGRAM_CLOUD_HOST, default 127.0.0.1; the container image sets 0.0.0.0).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "Port to bind, 0 for any free port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--db", paramLabel = "URL", defaultValue = "${env:ENGRAM_CLOUD_DB:-" + CloudDatabaseUrl.DEFAULT + "}",
            description = "SQLite file path, or postgresql://user:pass@host:5432/db, or jdbc:postgresql: URL (env ENGRAM_CLOUD_DB, default ${DEFAULT-VALUE}).")
    String db;

    @Override
    public Integer call() throws InterruptedException {
        CloudServerConfig config = CloudServerConfig.defaults()
                .withHost(host)
                .withPort(port)
                .withDatabase(CloudDatabaseUrl.parse("--db", db))
                .withVersion(VersionProvider.version())
                .withEnvironment(System.getenv());
        CountDownLatch stopped = new CountDownLatch(1);
        CloudServer server = CloudServer.start(config);
        Thread hook = new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "engram-cloud-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        stopped.await();
        return Cli.OK;
    }
}
