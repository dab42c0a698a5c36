package dev.engram.config;

import dev.engram.base.InvalidInputException;
import dev.engram.base.LoopbackNames;
import java.net.URI;
import java.util.Locale;

/**
 * Where this machine syncs: the cloud server's base URL, the bearer token, and whether the
 * long-lived processes run the autosync manager. Resolved with the contract's precedence:
 * flags, then environment, then {@code cloud.json}, then defaults.
 */
public record CloudSettings(URI server, String token, boolean autosync) {
    public static final CloudSettings NONE = new CloudSettings(null, null, false);

    public boolean configured() {
        return server != null && token != null && !token.isBlank();
    }

    /** Autosync runs only when it is asked for and there is somewhere to sync to. */
    public boolean autosyncEnabled() {
        return autosync && configured();
    }

    /** The server as people should see it: never with credentials. */
    public String serverDisplay() {
        return server == null ? null : server.toString();
    }

    /**
     * Parses and checks a server URL: http or https with a host, no user info, no query. A token is
     * only ever sent over https, or over plain http to a loopback host.
     */
    public static URI parseServer(String field, String text) {
        URI uri;
        try {
            uri = URI.create(text.trim());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidInputException(field, field + " must be a URL such as https://engram.example.com, was '" + text + "'");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new InvalidInputException(field, field + " must be an http or https URL with a host, was '" + text + "'");
        }
        if (uri.getUserInfo() != null || uri.getQuery() != null || uri.getFragment() != null) {
            throw new InvalidInputException(field, field + " must not carry credentials, a query or a fragment");
        }
        if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            throw new InvalidInputException(field, field + " uses plain http to " + uri.getHost()
                    + ": tokens are only sent over https, or over http to a loopback host");
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
        return URI.create(scheme + "://" + uri.getRawAuthority() + path);
    }

    /** localhost, a 127.0.0.0/8 literal or ::1; never a DNS name that merely starts with 127. */
    static boolean isLoopback(String host) {
        return LoopbackNames.isLoopbackHost(host);
    }

    public static boolean parseSwitch(String field, String text) {
        return switch (text == null ? "" : text.trim().toLowerCase(Locale.ROOT)) {
            case "on", "1", "true", "yes" -> true;
            case "off", "0", "false", "no", "" -> false;
            default -> throw new InvalidInputException(field, field + " must be on or off, was '" + text + "'");
        };
    }
}
