package dev.engram.sync;

import java.util.Objects;

/**
 * What one pass should do: both directions (autosync and plain {@code engram sync}), or one of them
 * ({@code --push-only}, {@code --pull-only}), for every enrolled project or only one ({@code --project}).
 *
 * <p>A project filter limits the push. The pull has one cursor for everything the token is granted, so
 * it always applies every project's mutations (skipping some would lose them for good).
 *
 * @param project a normalized project name, or null for every enrolled project
 */
public record SyncRequest(Direction direction, String project) {
    public static final SyncRequest FULL = new SyncRequest(Direction.BOTH, null);

    public enum Direction {
        BOTH, PUSH_ONLY, PULL_ONLY;

        boolean pushes() {
            return this != PULL_ONLY;
        }

        boolean pulls() {
            return this != PUSH_ONLY;
        }
    }

    public SyncRequest {
        Objects.requireNonNull(direction, "direction");
    }
}
