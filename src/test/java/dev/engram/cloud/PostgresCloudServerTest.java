package dev.engram.cloud;

class PostgresCloudServerTest extends CloudServerContract {
    private PostgresTestDatabase db;

    @Override
    protected CloudDatabaseUrl database() {
        db = PostgresTestDatabase.create();
        return db.databaseUrl();
    }

    @Override
    protected void afterServerStopped() {
        if (db != null) {
            db.close();
        }
    }
}
