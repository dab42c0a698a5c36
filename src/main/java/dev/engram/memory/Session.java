package dev.engram.memory;

import java.time.Instant;

/** A working session of an agent; {@code id} is chosen by the agent. */
public record Session(String id, String project, String directory, Instant startedAt, Instant endedAt, String summary) {
}
