package dev.engram.cloud;

import dev.engram.transport.HttpSyncTransport;
import dev.engram.transport.SyncTransport;
import dev.engram.transport.SyncTransportContract;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sync client's transport contract, run through the real {@link HttpSyncTransport} against the
 * real cloud server, so the transport's fake server cannot drift from this one.
 */
class CloudServerSyncTransportContractTest extends SyncTransportContract {
    @TempDir
    Path dir;
    private CloudServer server;
    private HttpSyncTransport transport;

    @BeforeEach
    void start() {
        server = CloudServer.start(CloudServerConfig.defaults().withPort(0)
                .withDatabase(CloudDatabaseUrl.parse("--db", dir.resolve("cloud.db").toString())));
        String token = server.tokens().create("replica", List.of("alpha", "beta")).token();
        transport = new HttpSyncTransport(server.baseUri().toString(), token);
    }

    @AfterEach
    void stop() {
        transport.close();
        server.close();
    }

    @Override
    protected SyncTransport transport() {
        return transport;
    }
}
