package dev.engram.api;

import dev.engram.base.InvalidInputException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Who may reach {@code engram serve} besides loopback names: the host names the user allowed
 * ({@code --allowed-host} / {@code ENGRAM_ALLOWED_HOSTS}) and the token the server requires when it
 * listens beyond loopback.
 */
public final class LocalAccess {
    private final Set<Authority> allowedHosts;
    private final ServeToken token;

    private LocalAccess(Set<Authority> allowedHosts, ServeToken token) {
        this.allowedHosts = Set.copyOf(allowedHosts);
        this.token = token;
    }

    /**
     * {@code hosts}: each {@code NAME} (any port) or {@code NAME:PORT}; blanks are ignored. A value that is
     * not a host name or IP literal is an input error naming {@code field}.
     */
    public static LocalAccess of(String field, Collection<String> hosts, ServeToken token) {
        Set<Authority> parsed = new LinkedHashSet<>();
        for (String h : hosts) {
            if (h == null || h.isBlank()) {
                continue;
            }
            Authority a = Authority.parse(h.strip()).orElseThrow(() -> new InvalidInputException(field,
                    field + " must be a host name or IP literal, optionally with :PORT (no scheme or path), was '" + h + "'"));
            parsed.add(a);
        }
        return new LocalAccess(parsed, token);
    }

    /** Loopback names only; the token lives in {@code token}'s data directory. */
    public static LocalAccess loopbackOnly(ServeToken token) {
        return new LocalAccess(Set.of(), token);
    }

    Set<Authority> allowedHosts() {
        return allowedHosts;
    }

    ServeToken token() {
        return token;
    }
}
