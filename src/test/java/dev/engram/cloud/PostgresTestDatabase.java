package dev.engram.cloud;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh database on a real PostgreSQL server for one test class. The server comes from
 * {@code ENGRAM_TEST_POSTGRES_URL} (set by {@code .ci/run} through {@code .ci/postgres.sh}); when
 * that is set the server MUST be reachable, or the test fails. Without it, the first use starts a
 * throw-away cluster with {@code .ci/postgres.sh} (stopped when the JVM exits), and when that is
 * impossible the tests are skipped with a message saying how to run them.
 */
final class PostgresTestDatabase implements AutoCloseable {
    static final String ENV = "ENGRAM_TEST_POSTGRES_URL";
    private static String startedUrl;
    private static String startFailure;

    private final String adminUrl;
    private final String name;

    private PostgresTestDatabase(String adminUrl, String name) {
        this.adminUrl = adminUrl;
        this.name = name;
    }

    /** Creates a database with a unique name on the test server. */
    static PostgresTestDatabase create() {
        String url = serverUrl();
        String name = "engram_t_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new AssertionError("PostgreSQL at " + url + " is unreachable: " + e.getMessage(), e);
        }
        return new PostgresTestDatabase(url, name);
    }

    /** The JDBC URL of this test's own database. */
    String jdbcUrl() {
        return adminUrl.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
    }

    CloudDatabaseUrl databaseUrl() {
        return CloudDatabaseUrl.parse("--db", jdbcUrl());
    }

    @Override
    public void close() {
        try (Connection c = DriverManager.getConnection(adminUrl); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            // a leftover database in a throw-away cluster harms nobody
        }
    }

    private static synchronized String serverUrl() {
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return env;
        }
        Assumptions.assumeTrue(startFailure == null, startFailure);
        if (startedUrl == null) {
            try {
                startedUrl = startCluster();
            } catch (org.opentest4j.TestAbortedException e) {
                startFailure = e.getMessage();
                throw e;
            }
        }
        return startedUrl;
    }

    private static String startCluster() {
        Path script = Path.of(".ci/postgres.sh").toAbsolutePath();
        String how = "PostgreSQL tests skipped: set " + ENV + " (eval \"$(.ci/postgres.sh start)\") or run .ci/run";
        Assumptions.assumeTrue(Files.isExecutable(script), how + " (no .ci/postgres.sh here)");
        try {
            Process p = new ProcessBuilder(script.toString(), "start").redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean done = p.waitFor(5, TimeUnit.MINUTES);
            Assumptions.assumeTrue(done && p.exitValue() == 0, how + " (.ci/postgres.sh start failed)");
            String url = value(out, "ENGRAM_TEST_POSTGRES_URL");
            String dir = value(out, "ENGRAM_TEST_POSTGRES_DIR");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopCluster(script, dir)));
            return url;
        } catch (IOException e) {
            Assumptions.abort(how + " (" + e.getMessage() + ")");
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void stopCluster(Path script, String dir) {
        try {
            new ProcessBuilder(script.toString(), "stop", dir).inheritIO().start().waitFor(1, TimeUnit.MINUTES);
        } catch (IOException | InterruptedException e) {
            // best effort at JVM exit
        }
    }

    private static String value(String out, String key) {
        Matcher m = Pattern.compile("export " + key + "='([^']*)'").matcher(out);
        if (!m.find()) {
            throw new AssertionError(".ci/postgres.sh printed no " + key + ": " + out);
        }
        return m.group(1);
    }
}
