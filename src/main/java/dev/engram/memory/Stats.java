package dev.engram.memory;

import java.util.List;

/** Counts for {@code engram stats}: per project and type, totals, and the database size on disk. */
public record Stats(long sessions, long observations, long prompts, long deletedObservations,
                    List<ProjectTypeCount> byProjectAndType, long databaseBytes, String databasePath) {

    public record ProjectTypeCount(String project, String type, long count) {
    }
}
