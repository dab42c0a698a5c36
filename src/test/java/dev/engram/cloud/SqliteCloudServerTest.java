package dev.engram.cloud;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteCloudServerTest extends CloudServerContract {
    @TempDir
    Path dir;

    @Override
    protected CloudDatabaseUrl database() {
        return CloudDatabaseUrl.parse("--db", dir.resolve("cloud.db").toString());
    }
}
