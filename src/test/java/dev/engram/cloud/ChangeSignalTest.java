package dev.engram.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ChangeSignalTest {
    @Test
    void aFutureTakenBeforeAFireCompletesAndALaterOneWaitsForTheNext() {
        ChangeSignal signal = new ChangeSignal();
        CompletableFuture<Void> before = signal.nextChange();
        signal.fire();
        assertThat(before).isDone();
        assertThat(signal.nextChange()).isNotDone();
    }

    @Test
    void closingReleasesEveryWaiterForGood() {
        ChangeSignal signal = new ChangeSignal();
        CompletableFuture<Void> waiting = signal.nextChange();
        signal.close();
        signal.fire();
        assertThat(waiting).isDone();
        assertThat(signal.nextChange()).isDone();
        assertThat(signal.closed()).isTrue();
    }
}
