package dev.engram.api;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code host[:port]} as it appears in a {@code Host} header, an {@code Origin} or an
 * {@code --allowed-host} value: the host lower-cased (an IPv6 literal keeps its brackets), the port
 * or {@code -1} when absent. Parsing is strict: anything a well-formed client does not send is refused.
 */
record Authority(String host, int port) {
    static final int NO_PORT = -1;
    private static final int MAX_LENGTH = 300;
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9._-]*[a-z0-9.])?");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]+]");

    /** The port this authority reaches over plain http: the given one, else 80. */
    int httpPort() {
        return port == NO_PORT ? 80 : port;
    }

    /** {@code text} as a Host header value, or empty when it is missing or malformed. */
    static Optional<Authority> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String t = text.toLowerCase(Locale.ROOT);
        String host;
        String rest;
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            host = t.substring(0, close + 1);
            rest = t.substring(close + 1);
            if (!IPV6.matcher(host).matches()) {
                return Optional.empty();
            }
        } else {
            int colon = t.indexOf(':');
            host = colon < 0 ? t : t.substring(0, colon);
            rest = colon < 0 ? "" : t.substring(colon);
            if (!NAME.matcher(host).matches()) {
                return Optional.empty();
            }
        }
        if (rest.isEmpty()) {
            return Optional.of(new Authority(host, NO_PORT));
        }
        if (!rest.matches(":[0-9]{1,5}") || Integer.parseInt(rest.substring(1)) > 65_535) {
            return Optional.empty();
        }
        return Optional.of(new Authority(host, Integer.parseInt(rest.substring(1))));
    }

    /** An {@code Origin} value ({@code scheme://host[:port]}, nothing after) when its scheme is http; else empty. */
    static Optional<Authority> parseHttpOrigin(String origin) {
        String prefix = "http://";
        if (origin == null || origin.length() <= prefix.length()
                || !origin.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return Optional.empty();
        }
        return parse(origin.substring(prefix.length()));
    }

    @Override
    public String toString() {
        return port == NO_PORT ? host : host + ":" + port;
    }
}
