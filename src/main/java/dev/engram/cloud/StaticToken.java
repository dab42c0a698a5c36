package dev.engram.cloud;

import dev.engram.base.InvalidInputException;
import java.util.List;

/**
 * The quick-start token from {@code ENGRAM_CLOUD_TOKEN} with the projects of
 * {@code ENGRAM_CLOUD_ALLOWED_PROJECTS}: valid alongside the database's tokens, never stored,
 * revoked by restarting without it. Its name in audit columns is {@value #NAME}.
 */
public record StaticToken(String token, List<String> projects) {
    static final String NAME = "env:ENGRAM_CLOUD_TOKEN";
    private static final int MIN_LENGTH = 16;

    public StaticToken {
        if (token == null || token.strip().length() < MIN_LENGTH || !token.equals(token.strip()) || token.contains(" ")) {
            throw new InvalidInputException("ENGRAM_CLOUD_TOKEN", "ENGRAM_CLOUD_TOKEN must be at least " + MIN_LENGTH + " characters without spaces (engram cloud token create makes stronger ones)");
        }
        if (projects == null || projects.isEmpty()) {
            throw new InvalidInputException("ENGRAM_CLOUD_ALLOWED_PROJECTS", "ENGRAM_CLOUD_ALLOWED_PROJECTS must list the projects ENGRAM_CLOUD_TOKEN may use, comma-separated");
        }
        projects = List.copyOf(projects);
    }

    @Override
    public String toString() {
        return "StaticToken[projects=" + projects + "]";
    }
}
