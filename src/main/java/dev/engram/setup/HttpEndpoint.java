package dev.engram.setup;

import dev.engram.base.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where an agent reaches {@code engram serve}'s MCP endpoint over Streamable HTTP, and the bearer
 * token it sends. The token is a secret: {@link #toString()} never shows it, and printed diffs mask
 * it (see {@link #mask(String)}).
 */
public record HttpEndpoint(URI url, String token) {
    /** Where {@code engram serve} answers MCP by default. */
    public static final String DEFAULT_URL = "http://127.0.0.1:7437/mcp";
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e]{1,512}");
    private static final Pattern BEARER = Pattern.compile("(Bearer )(?:\\\\.|[^\\s\"\\\\])+");

    public HttpEndpoint {
        if (token == null || !TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException("a token is visible ASCII without spaces");
        }
    }

    /** {@code --url}: an absolute http or https URL with a host and a path, without user info, query or fragment. */
    public static URI parseUrl(String value) {
        String field = "--url";
        if (value == null || value.isBlank() || value.length() > 2048) {
            throw new InvalidInputException(field, "--url must be an http or https URL of at most 2048 characters, such as " + DEFAULT_URL);
        }
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new InvalidInputException(field, "--url is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidInputException(field, "--url must start with http:// or https://, was '" + value + "'");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new InvalidInputException(field, "--url needs a host, such as " + DEFAULT_URL);
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new InvalidInputException(field, "--url must not carry user info, a query or a fragment (the token goes in a header)");
        }
        if (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/")) {
            throw new InvalidInputException(field, "--url needs the path of the MCP endpoint, such as " + DEFAULT_URL);
        }
        if (uri.getPort() > 65_535) {
            throw new InvalidInputException(field, "--url has a port beyond 65535");
        }
        return uri;
    }

    /** The value of the {@code Authorization} header. */
    String authorization() {
        return "Bearer " + token;
    }

    /** {@code text} with every bearer credential replaced by {@code ****}, for anything that is printed. */
    public static String mask(String text) {
        return BEARER.matcher(text).replaceAll("$1****");
    }

    @Override
    public String toString() {
        return "HttpEndpoint[url=" + url + ", token=****]";
    }
}
