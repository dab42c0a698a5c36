package dev.engram.cloud;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.io.TempDir;

class SqliteCloudTrustTest extends CloudTrustContract {
    @TempDir
    Path dir;
    private int databases;

    @Override
    protected CloudDatabaseUrl newDatabase() {
        return CloudDatabaseUrl.parse("--db", dir.resolve("cloud-" + (++databases) + ".db").toString());
    }

    @Override
    protected Connection connect(CloudDatabaseUrl database) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + ((CloudDatabaseUrl.SqliteFile) database).path().toAbsolutePath());
    }
}
