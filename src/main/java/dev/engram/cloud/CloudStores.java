package dev.engram.cloud;

import java.time.Clock;
import java.util.random.RandomGenerator;

/** Opens the store a {@link CloudDatabaseUrl} names, migrated to the current schema. */
final class CloudStores {
    private CloudStores() {
    }

    /** {@code random} makes the server id of a new database. */
    static CloudStore open(CloudDatabaseUrl url, Clock clock, RandomGenerator random) {
        return switch (url) {
            case CloudDatabaseUrl.SqliteFile f -> SqliteCloudStore.open(f.path(), clock, random);
            case CloudDatabaseUrl.Postgres p -> PostgresCloudStore.open(p, clock, random);
        };
    }
}
