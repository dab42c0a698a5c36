package dev.engram.api;

import dev.engram.base.LoopbackNames;
import java.util.Locale;
import java.util.Set;

/**
 * Decides, before any route runs, whether a request may reach the local API at all. Who is trusted:
 * the user's own processes. Not trusted: any web page in the user's browser (it can send requests to
 * 127.0.0.1, and with DNS rebinding read the answers) and anything on the network. A pure function of
 * the request and of how the server was started; {@link LocalApi} turns a refusal into a JSON error.
 */
final class RequestGuard {
    /** Sec-Fetch-Site values a browser sends for the server's own pages and for typed URLs/bookmarks. */
    private static final Set<String> OWN_FETCH_SITES = Set.of("same-origin", "none");
    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");

    /** Where the web UI's pages and forms live: the only paths that take a same-origin form post. */
    static final String UI_PREFIX = "/ui/";
    private static final String BEYOND_LOOPBACK = "this server listens beyond loopback: send Authorization: Bearer"
            + " <token> (engram serve --print-token prints it)";

    private final Set<Authority> allowedHosts;
    private final boolean tokenRequired;
    private final String tokenRequiredMessage;
    private final TokenCheck token;

    /** Says whether a presented bearer token is the server's token (in constant time). */
    interface TokenCheck {
        boolean matches(String presented);
    }

    /**
     * {@code allowedHosts}: Host values accepted besides loopback names (port {@code -1}: any port).
     * {@code tokenRequired}: the server listens beyond loopback, so every request but
     * {@code GET /health} must carry the token.
     */
    RequestGuard(Set<Authority> allowedHosts, boolean tokenRequired, TokenCheck token) {
        this(allowedHosts, tokenRequired, BEYOND_LOOPBACK, token);
    }

    private RequestGuard(Set<Authority> allowedHosts, boolean tokenRequired, String tokenRequiredMessage, TokenCheck token) {
        this.allowedHosts = Set.copyOf(allowedHosts);
        this.tokenRequired = tokenRequired;
        this.tokenRequiredMessage = tokenRequiredMessage;
        this.token = token;
    }

    /** The same checks with the token required wherever the server listens (for MCP at {@code /mcp}). */
    RequestGuard requiringToken() {
        return new RequestGuard(allowedHosts, true, "send Authorization: Bearer <token> (engram serve --print-token prints it)", token);
    }

    sealed interface Verdict {
    }

    record Allowed() implements Verdict {
    }

    record Refused(int status, String code, String message) implements Verdict {
    }

    static final Verdict ALLOWED = new Allowed();

    Verdict check(GuardedRequest r) {
        // 1. The Host must name this machine (or a name the user configured). A page that rebinds its
        //    own DNS name to 127.0.0.1 still sends that name here: refusing it defeats DNS rebinding.
        //    HTTP/1.1 requires Host, so a missing one is refused too.
        Authority host = Authority.parse(r.host()).orElse(null);
        if (host == null) {
            return new Refused(403, "forbidden_host", "the Host header is missing or malformed");
        }
        if (!hostAllowed(host)) {
            return new Refused(403, "forbidden_host", "host " + host + " is not a loopback name or an allowed host"
                    + " (engram serve --allowed-host " + host.host() + " allows it)");
        }
        // 2. A browser sends Origin with every cross-origin request and every POST: it must be the
        //    server's own origin (http, same host and port as the Host header), never another one or "null".
        if (r.origin() != null && !sameOrigin(r.origin(), host)) {
            return new Refused(403, "cross_origin", "requests from origin " + shorten(r.origin()) + " are refused");
        }
        // 3. Sec-Fetch-Site from another site, or from another port of the same host (same-site but
        //    another origin), is refused unless the Origin above proved it is the server's own.
        if (r.fetchSite() != null && !OWN_FETCH_SITES.contains(r.fetchSite().toLowerCase(Locale.ROOT)) && r.origin() == null) {
            return new Refused(403, "cross_origin", "Sec-Fetch-Site " + shorten(r.fetchSite()) + " requests are refused");
        }
        // 4. A presented token must be the right one, wherever the server listens.
        String bearer = bearer(r.authorization());
        if (r.authorization() != null && (bearer == null || !token.matches(bearer))) {
            return new Refused(401, "unauthorized", "the bearer token is not this server's token"
                    + " (engram serve --print-token prints it)");
        }
        // 5. Listening beyond loopback, everything but the health check needs the token.
        if (tokenRequired && bearer == null && !(r.method().equals("GET") && r.path().equals("/health"))) {
            return new Refused(401, "unauthorized", tokenRequiredMessage);
        }
        // 6. Bodies are JSON. Browsers send text/plain, form-urlencoded and multipart (and untyped blobs)
        //    to any origin without a CORS preflight; none of them is JSON, so none gets through.
        //    A POST without a body and without a Content-Type (POST /sessions/{id}/end) is fine.
        //    The one exception is the web UI's own forms (7).
        if (BODY_METHODS.contains(r.method()) && (r.hasBody() || r.contentType() != null) && !isJson(r.contentType())
                && !isOwnForm(r)) {
            if (r.method().equals("POST") && isForm(r.contentType()) && r.path().startsWith(UI_PREFIX)) {
                return new Refused(403, "cross_origin", "form posts to " + UI_PREFIX + " must come from this server's own pages"
                        + " (Origin of this server, Sec-Fetch-Site same-origin)");
            }
            return new Refused(415, "unsupported_media_type", "request bodies must be Content-Type: application/json, was "
                    + (r.contentType() == null ? "none" : shorten(r.contentType())));
        }
        return ALLOWED;
    }

    /**
     * 7. A form the web UI served, posted back to it: {@code POST /ui/...} with a form-urlencoded body,
     *    an {@code Origin} (browsers send it with every POST; check 2 already proved it is this server's
     *    own) and, when the browser sends one, {@code Sec-Fetch-Site: same-origin}. A form on another
     *    site carries its own Origin (or "null") and was refused at check 2; a request without Origin is
     *    not a browser form and must send JSON.
     */
    private static boolean isOwnForm(GuardedRequest r) {
        return r.method().equals("POST") && r.path().startsWith(UI_PREFIX) && isForm(r.contentType()) && r.origin() != null
                && (r.fetchSite() == null || r.fetchSite().equalsIgnoreCase("same-origin"));
    }

    static boolean isForm(String contentType) {
        return contentType != null && contentType.split(";")[0].strip().equalsIgnoreCase("application/x-www-form-urlencoded");
    }

    private boolean hostAllowed(Authority host) {
        if (LoopbackNames.isLoopbackHost(host.host())) {
            return true;
        }
        for (Authority allowed : allowedHosts) {
            if (allowed.host().equals(host.host()) && (allowed.port() == Authority.NO_PORT || allowed.port() == host.httpPort())) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameOrigin(String origin, Authority host) {
        Authority o = Authority.parseHttpOrigin(origin).orElse(null);
        return o != null && o.host().equals(host.host()) && o.httpPort() == host.httpPort();
    }

    /** The token of {@code Bearer <token>} (scheme case-insensitive), or null when it is not that shape. */
    static String bearer(String authorization) {
        if (authorization == null) {
            return null;
        }
        String a = authorization.strip();
        if (a.length() <= 7 || !a.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String t = a.substring(7).strip();
        return t.isEmpty() || t.contains(" ") ? null : t;
    }

    /** {@code application/json}, optionally with parameters; a charset, when given, must be UTF-8. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";");
        if (!parts[0].strip().equalsIgnoreCase("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip().toLowerCase(Locale.ROOT);
            if (p.startsWith("charset=") && !p.substring(8).replace("\"", "").equals("utf-8")) {
                return false;
            }
        }
        return true;
    }

    /** Values from the request end up in the error message: keep them short. */
    private static String shorten(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
