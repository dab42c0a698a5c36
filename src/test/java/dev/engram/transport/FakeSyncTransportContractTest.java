package dev.engram.transport;

import org.junit.jupiter.api.BeforeEach;

class FakeSyncTransportContractTest extends SyncTransportContract {
    FakeSyncTransport fake;

    @BeforeEach
    void setUp() {
        fake = new FakeSyncTransport().forbid("forbidden");
    }

    @Override
    protected SyncTransport transport() {
        return fake;
    }
}
