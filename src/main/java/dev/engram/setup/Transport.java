package dev.engram.setup;

import dev.engram.base.InvalidInputException;
import java.util.Locale;

/** How the agent reaches engram: it starts {@code engram mcp} itself (stdio), or it connects to {@code engram serve} at {@code /mcp} (http). */
public enum Transport {
    STDIO, HTTP;

    public static Transport parse(String value) {
        return switch (value == null ? "" : value.trim().toLowerCase(Locale.ROOT)) {
            case "stdio" -> STDIO;
            case "http" -> HTTP;
            default -> throw new InvalidInputException("--transport", "--transport must be stdio or http, was '" + value + "'");
        };
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
