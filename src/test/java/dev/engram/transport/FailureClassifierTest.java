package dev.engram.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.transport.Failure.Disposition;
import dev.engram.transport.Failure.Scope;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FailureClassifierTest {

    @ParameterizedTest
    @CsvSource({
            "401, AUTH_REQUIRED, NEEDS_HUMAN, SERVER",
            "403, POLICY_FORBIDDEN, NEEDS_HUMAN, REQUEST",
            "404, SERVER_UNSUPPORTED, NEEDS_HUMAN, SERVER",
            "413, PAYLOAD_TOO_LARGE, NEEDS_HUMAN, REQUEST",
            "429, RATE_LIMITED, RETRY, SERVER",
            "500, SERVER_ERROR, RETRY, REQUEST",
            "503, SERVER_ERROR, RETRY, REQUEST",
            "599, SERVER_ERROR, RETRY, REQUEST",
            "400, PROTOCOL_ERROR, NEEDS_HUMAN, REQUEST",
            "302, PROTOCOL_ERROR, NEEDS_HUMAN, REQUEST",
            "418, PROTOCOL_ERROR, NEEDS_HUMAN, REQUEST",
    })
    void mapsEveryHttpStatusToOneReason(int status, ReasonCode reason, Disposition disposition, Scope scope) {
        Failure f = FailureClassifier.classify(TransportException.http(status, null, "POST /sync/mutations/push: " + status));

        assertThat(f.reason()).isEqualTo(reason);
        assertThat(f.disposition()).isEqualTo(disposition);
        assertThat(f.scope()).isEqualTo(scope);
        assertThat(f.error()).isEqualTo("POST /sync/mutations/push: " + status);
    }

    @ParameterizedTest
    @CsvSource({"CONNECT", "RESET", "TIMEOUT"})
    void networkFailuresAreRetriableTransportFailures(FailureKind kind) {
        Failure f = FailureClassifier.classify(TransportException.of(kind, "GET /sync/mutations/pull: " + kind, null));

        assertThat(f.reason()).isEqualTo(ReasonCode.TRANSPORT_FAILED);
        assertThat(f.retriable()).isTrue();
    }

    @Test
    void malformedResponseIsAProtocolError() {
        assertThat(FailureClassifier.classify(TransportException.malformed("not JSON")).reason()).isEqualTo(ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    void rawNetworkExceptionsAreStillTransportFailures() {
        assertThat(FailureClassifier.classify(new ConnectException("refused")).reason()).isEqualTo(ReasonCode.TRANSPORT_FAILED);
        assertThat(FailureClassifier.classify(new HttpTimeoutException("slow")).reason()).isEqualTo(ReasonCode.TRANSPORT_FAILED);
        assertThat(FailureClassifier.classify(new IOException("reset")).error()).isEqualTo("IOException: reset");
    }

    @Test
    void anythingElseIsAnInternalError() {
        Failure f = FailureClassifier.classify(new NullPointerException());

        assertThat(f.reason()).isEqualTo(ReasonCode.INTERNAL_ERROR);
        assertThat(f.error()).isEqualTo("NullPointerException");
    }

    @Test
    void errorTextIsOneLine() {
        Failure f = FailureClassifier.classify(TransportException.malformed("first\nsecond\r\n\tthird"));

        assertThat(f.error()).isEqualTo("first second third");
    }

    @Test
    void everyReasonHasAWireNameAndAnAdviceSentence() {
        for (ReasonCode code : ReasonCode.values()) {
            assertThat(ReasonCode.fromWire(code.wire())).isEqualTo(code);
            assertThat(code.advice()).endsWith(".").doesNotContain("\n");
        }
        assertThat(ReasonCode.POLICY_FORBIDDEN.wire()).isEqualTo("policy_forbidden");
    }
}
