package dev.engram.cloud;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

class PostgresCloudTrustTest extends CloudTrustContract {
    private final Map<CloudDatabaseUrl, PostgresTestDatabase> databases = new LinkedHashMap<>();

    @Override
    protected CloudDatabaseUrl newDatabase() {
        PostgresTestDatabase created = PostgresTestDatabase.create();
        databases.put(created.databaseUrl(), created);
        return created.databaseUrl();
    }

    @Override
    protected Connection connect(CloudDatabaseUrl database) throws SQLException {
        return DriverManager.getConnection(databases.get(database).jdbcUrl());
    }

    @Override
    protected void dropDatabases() {
        databases.values().forEach(PostgresTestDatabase::close);
    }
}
