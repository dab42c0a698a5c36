package dev.engram.cloud;

import dev.engram.base.InvalidInputException;
import dev.engram.base.ProjectNames;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * Creates, lists and revokes the bearer tokens of a cloud database. Used by
 * {@code engram cloud token ...}, by {@link CloudServer#tokens()} for in-process servers, and by
 * tests. Revocation takes effect on the next request: the server looks tokens up on every request.
 */
public final class TokenAdmin implements AutoCloseable {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

    private final CloudStore store;
    private final Clock clock;
    private final RandomGenerator random;
    private final boolean ownsStore;

    TokenAdmin(CloudStore store, Clock clock, RandomGenerator random, boolean ownsStore) {
        this.store = store;
        this.clock = clock;
        this.random = random;
        this.ownsStore = ownsStore;
    }

    /** Opens (and migrates) the database at {@code url}; close the admin to close it. */
    public static TokenAdmin open(CloudDatabaseUrl url) {
        Clock clock = Clock.systemUTC();
        SecureRandom random = new SecureRandom();
        return new TokenAdmin(CloudStores.open(url, clock, random), clock, random, true);
    }

    /**
     * Creates a token granted {@code projects} (normalized, duplicates dropped) and returns it; its
     * text is not kept anywhere.
     *
     * @throws InvalidInputException naming {@code --name} or {@code --project} when one is unacceptable
     */
    public IssuedToken create(String name, List<String> projects) {
        String n = name == null ? "" : name.trim();
        if (!NAME.matcher(n).matches()) {
            throw new InvalidInputException("--name", "--name must be 1 to 64 letters, digits, '.', '_', '@' or '-' starting with a letter or digit, was '" + (name == null ? "" : name) + "'");
        }
        List<String> granted = normalizeProjects(projects);
        String token = Tokens.generate(random);
        store.insertToken(new StoredToken(new TokenInfo(n, granted, clock.instant(), null), Tokens.hash(token)));
        return new IssuedToken(n, token, granted);
    }

    /** Every token, valid or revoked, oldest first. */
    public List<TokenInfo> list() {
        return store.tokens();
    }

    /**
     * Revokes the token named {@code name}; revoking a revoked token changes nothing.
     *
     * @return false when it was already revoked
     * @throws InvalidInputException naming {@code NAME} when there is no such token
     */
    public boolean revoke(String name) {
        return switch (store.revokeToken(name, clock.instant())) {
            case REVOKED -> true;
            case ALREADY_REVOKED -> false;
            case NOT_FOUND -> throw new InvalidInputException("NAME", "no token is named '" + name + "'; see engram cloud token list");
        };
    }

    static List<String> normalizeProjects(List<String> projects) {
        if (projects == null || projects.isEmpty()) {
            throw new InvalidInputException("--project", "at least one --project must be granted");
        }
        Set<String> out = new LinkedHashSet<>();
        for (String p : projects) {
            if (p == null || p.isBlank()) {
                throw new InvalidInputException("--project", "--project must not be blank");
            }
            out.add(ProjectNames.normalize(p));
        }
        return new ArrayList<>(out);
    }

    @Override
    public void close() {
        if (ownsStore) {
            store.close();
        }
    }
}
