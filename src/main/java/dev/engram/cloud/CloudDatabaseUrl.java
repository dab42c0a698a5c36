package dev.engram.cloud;

import dev.engram.base.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Where the cloud server keeps its data: an embedded SQLite file (the default) or a PostgreSQL
 * database. {@link #parse} accepts a file path, {@code jdbc:sqlite:PATH}, {@code postgresql://} /
 * {@code postgres://} URLs with optional {@code user:password@}, and {@code jdbc:postgresql:} URLs.
 */
public sealed interface CloudDatabaseUrl {

    /** Default location when neither {@code --db} nor {@code ENGRAM_CLOUD_DB} is given. */
    String DEFAULT = "./engram-cloud.db";

    /** What logs and {@code token list} may show: never a password. */
    String display();

    /** An embedded SQLite database file; one server process at a time. */
    record SqliteFile(Path path) implements CloudDatabaseUrl {
        @Override
        public String display() {
            return "sqlite:" + path;
        }
    }

    /** A PostgreSQL database, shared by any number of server instances. {@code user}/{@code password} may be null. */
    record Postgres(String jdbcUrl, String user, String password) implements CloudDatabaseUrl {
        @Override
        public String display() {
            String url = jdbcUrl.replaceAll("(?i)(password=)[^&]*", "$1***");
            return "postgresql:" + url.substring("jdbc:postgresql:".length()) + (user == null ? "" : " user=" + user);
        }

        @Override
        public String toString() {
            return "Postgres[" + display() + "]";
        }
    }

    /** Parses {@code text}; {@code name} (for example {@code --db}) is named in the error. */
    public static CloudDatabaseUrl parse(String name, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(name, name + " must be a file path or a postgresql:// URL, was blank");
        }
        String t = text.trim();
        String lower = t.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("jdbc:postgresql:")) {
            return new Postgres(t, null, null);
        }
        if (lower.startsWith("postgresql://") || lower.startsWith("postgres://")) {
            return fromUri(name, t);
        }
        if (lower.startsWith("jdbc:sqlite:")) {
            return new SqliteFile(Path.of(t.substring("jdbc:sqlite:".length())));
        }
        if (lower.matches("^[a-z][a-z0-9+.-]*://.*")) {
            throw new InvalidInputException(name, name + " must be a file path or a postgresql:// URL, was a " + t.substring(0, t.indexOf(':')) + " URL");
        }
        return new SqliteFile(Path.of(t));
    }

    private static Postgres fromUri(String name, String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new InvalidInputException(name, name + " is not a valid postgresql:// URL: " + e.getReason());
        }
        if (uri.getHost() == null) {
            throw new InvalidInputException(name, name + " must name a host, as in postgresql://user:password@host:5432/db");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        String path = uri.getRawPath() == null ? "/" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return new Postgres("jdbc:postgresql://" + uri.getHost() + port + path + query, user, password);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
