package dev.engram.cli;

import java.util.Locale;

/** The agent events {@code engram hook} answers. */
enum HookEvent {
    SESSION_START("session-start", "SessionStart"),
    PRE_COMPACT("pre-compact", "PreCompact"),
    SESSION_END("session-end", "SessionEnd");

    final String argument;
    /** The name agents give the event in their hook output ({@code hookSpecificOutput.hookEventName}). */
    final String agentName;

    HookEvent(String argument, String agentName) {
        this.argument = argument;
        this.agentName = agentName;
    }

    /** The event named {@code text}, or null. */
    static HookEvent parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        for (HookEvent e : values()) {
            if (e.argument.equals(t)) {
                return e;
            }
        }
        return null;
    }
}
