package dev.engram.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DrainTest {
    @Test
    void classifiesRequestsResponsesAndTheRest() {
        assertThat(kind("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"id\":9}}")).isEqualTo(Drain.Kind.REQUEST);
        assertThat(kind("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")).isEqualTo(Drain.Kind.OTHER);
        assertThat(kind("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"result\":{\"method\":\"x\"}}")).isEqualTo(Drain.Kind.RESPONSE);
        assertThat(kind("{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-32601}}")).isEqualTo(Drain.Kind.RESPONSE);
        assertThat(kind("not json")).isEqualTo(Drain.Kind.OTHER);
        assertThat(kind("[1]")).isEqualTo(Drain.Kind.OTHER);
    }

    @Test
    void waitsUntilEveryRequestReadHasItsResponse() throws Exception {
        Drain drain = new Drain();
        byte[] in = ("{\"id\":1,\"method\":\"a\"}\n{\"id\":2,\"met" + "hod\":\"b\"}\n{\"method\":\"note\"}\n").getBytes(StandardCharsets.UTF_8);
        drain.input.feed(in, 0, 30);
        drain.input.feed(in, 30, in.length - 30);
        assertThat(drain.unanswered()).isEqualTo(2);
        assertThat(drain.awaitAnswered(0)).isFalse();

        OutputStream out = drain.watch(new ByteArrayOutputStream());
        out.write("{\"id\":1,\"result\":{}}\n{\"id\":2,".getBytes(StandardCharsets.UTF_8));
        assertThat(drain.unanswered()).isEqualTo(1);
        out.write("\"result\":{}}".getBytes(StandardCharsets.UTF_8));
        out.write('\n');
        assertThat(drain.awaitAnswered(1_000)).isTrue();
    }

    private static Drain.Kind kind(String json) {
        return Drain.Lines.classify(json.getBytes(StandardCharsets.UTF_8));
    }
}
