package dev.engram.memory;

import java.util.List;

/** Recent memory of a project (or of all projects when {@code project} is null), newest first. */
public record Context(String project, List<Session> sessions, List<Observation> observations, List<Prompt> prompts) {
}
