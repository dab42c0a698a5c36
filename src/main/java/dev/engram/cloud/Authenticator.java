package dev.engram.cloud;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Turns an {@code Authorization} header into a {@link Principal}. Looks the token's hash up on
 * every request (so a revocation applies to the next request), and compares hashes in constant time.
 */
final class Authenticator {
    private static final String SCHEME = "bearer ";

    private final CloudStore store;
    private final Optional<String> staticHash;
    private final Principal staticPrincipal;

    Authenticator(CloudStore store, Optional<StaticToken> staticToken) {
        this.store = store;
        this.staticHash = staticToken.map(t -> Tokens.hash(t.token()));
        this.staticPrincipal = staticToken
                .map(t -> new Principal(StaticToken.NAME, Set.copyOf(TokenAdmin.normalizeProjects(t.projects()))))
                .orElse(null);
    }

    /** The caller, or a rejection whose message says what was wrong with the header (never echoing it). */
    Authentication authenticate(String header) {
        if (header == null || header.isBlank()) {
            return new Authentication.Rejected("missing Authorization header; send Authorization: Bearer <token>");
        }
        if (header.length() <= SCHEME.length() || !header.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
            return new Authentication.Rejected("malformed Authorization header; expected Bearer <token>");
        }
        String token = header.substring(SCHEME.length()).strip();
        if (token.isEmpty() || token.length() > 512 || !printableAscii(token)) {
            return new Authentication.Rejected("malformed bearer token");
        }
        String hash = Tokens.hash(token);
        if (staticHash.isPresent() && Tokens.sameHash(staticHash.get(), hash)) {
            return new Authentication.Granted(staticPrincipal);
        }
        Optional<StoredToken> stored = store.tokenByHash(hash);
        if (stored.isEmpty() || !Tokens.sameHash(stored.get().hash(), hash)) {
            return new Authentication.Rejected("unknown token");
        }
        TokenInfo info = stored.get().info();
        if (info.revoked()) {
            return new Authentication.Rejected("token revoked");
        }
        return new Authentication.Granted(new Principal(info.name(), Set.copyOf(info.projects())));
    }

    private static boolean printableAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch <= ' ' || ch > '~') {
                return false;
            }
        }
        return true;
    }

    sealed interface Authentication {
        record Granted(Principal principal) implements Authentication {
        }

        record Rejected(String reason) implements Authentication {
        }
    }
}
