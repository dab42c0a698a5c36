package dev.engram.cloud;

import java.time.Clock;

/** Opens the store a {@link CloudDatabaseUrl} names, migrated to the current schema. */
final class CloudStores {
    private CloudStores() {
    }

    static CloudStore open(CloudDatabaseUrl url, Clock clock) {
        return switch (url) {
            case CloudDatabaseUrl.SqliteFile f -> SqliteCloudStore.open(f.path(), clock);
            case CloudDatabaseUrl.Postgres p -> PostgresCloudStore.open(p, clock);
        };
    }
}
