package dev.engram.mcp;

import dev.engram.base.InvalidInputException;
import java.util.Locale;
import java.util.Set;

/** Which tools {@code engram mcp --tools} exposes: an agent does not need to delete or count. */
public enum ToolProfile {
    /** Everything but {@code mem_delete} and {@code mem_stats}. */
    AGENT,
    /** Only {@code mem_delete} and {@code mem_stats}. */
    ADMIN,
    /** Every tool (the default). */
    ALL;

    static final Set<String> ADMIN_TOOLS = Set.of("mem_delete", "mem_stats");

    public boolean includes(String tool) {
        return switch (this) {
            case AGENT -> !ADMIN_TOOLS.contains(tool);
            case ADMIN -> ADMIN_TOOLS.contains(tool);
            case ALL -> true;
        };
    }

    /** Parses {@code agent}, {@code admin} or {@code all}; null or blank is {@link #ALL}. */
    public static ToolProfile parse(String option, String text) {
        if (text == null || text.isBlank()) {
            return ALL;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "agent" -> AGENT;
            case "admin" -> ADMIN;
            case "all" -> ALL;
            default -> throw new InvalidInputException(option, option + " must be agent, admin or all, was '" + text + "'");
        };
    }
}
