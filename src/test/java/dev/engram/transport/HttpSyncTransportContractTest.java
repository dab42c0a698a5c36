package dev.engram.transport;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The contract through the real HTTP client and a JDK HTTP server in front of the fake. */
class HttpSyncTransportContractTest extends SyncTransportContract {
    FakeCloudServer server;
    HttpSyncTransport http;

    @BeforeEach
    void setUp() throws IOException {
        server = new FakeCloudServer(new FakeSyncTransport().forbid("forbidden"), "tok-contract");
        http = new HttpSyncTransport(server.url(), "tok-contract");
    }

    @AfterEach
    void tearDown() {
        http.close();
        server.close();
    }

    @Override
    protected SyncTransport transport() {
        return http;
    }
}
