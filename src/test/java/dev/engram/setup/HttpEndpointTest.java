package dev.engram.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.base.InvalidInputException;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpEndpointTest {
    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:7437/mcp", "https://engram.example:8443/a/mcp", "http://[::1]:7437/mcp", "http://localhost/mcp"})
    void acceptsAnHttpOrHttpsUrlWithAHostAndAPath(String url) {
        assertThat(HttpEndpoint.parseUrl(url)).isEqualTo(URI.create(url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "ftp://127.0.0.1/mcp", "127.0.0.1:7437/mcp", "file:///etc/passwd", "http:///mcp", "http://127.0.0.1:7437",
            "http://127.0.0.1:7437/", "http://user:pw@127.0.0.1/mcp", "http://127.0.0.1/mcp?token=x", "http://127.0.0.1/mcp#x",
            "http://127.0.0.1:99999/mcp", "http://bad host/mcp", "javascript:alert(1)", "http://127.0.0.1/mcp\nX-Evil: 1"})
    void refusesAnythingElseNamingTheOption(String url) {
        assertThatThrownBy(() -> HttpEndpoint.parseUrl(url)).isInstanceOf(InvalidInputException.class).hasMessageContaining("--url");
    }

    @Test
    void refusesAnAbsurdlyLongUrl() {
        assertThatThrownBy(() -> HttpEndpoint.parseUrl("http://h/" + "a".repeat(5000))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--url");
    }

    @Test
    void neverShowsItsTokenAndMasksEveryBearerCredentialInText() {
        HttpEndpoint endpoint = new HttpEndpoint(URI.create("http://127.0.0.1:7437/mcp"), "s3cr3t-token_value");
        assertThat(endpoint.toString()).doesNotContain("s3cr3t").contains("****");
        assertThat(HttpEndpoint.mask("+  \"Authorization\": \"Bearer s3cr3t-token_value\"\n-x = { Authorization = \"Bearer other.tok\" }"))
                .isEqualTo("+  \"Authorization\": \"Bearer ****\"\n-x = { Authorization = \"Bearer ****\" }");
    }
}
