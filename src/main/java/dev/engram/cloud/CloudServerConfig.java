package dev.engram.cloud;

import dev.engram.base.InvalidInputException;
import dev.engram.protocol.SyncProtocol;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything a {@link CloudServer} needs, validated on construction. Start from {@link #defaults()}
 * (127.0.0.1:8080, {@code ./engram-cloud.db}, 8 MiB and 100 entries per push, 4 MiB per pull page, no static token) and
 * change what differs; port 0 picks a free port.
 *
 * @param maxPushBytes   largest push body accepted (413 beyond); {@code ENGRAM_CLOUD_MAX_PUSH_BYTES}
 * @param maxPushEntries most entries in one push (400 beyond); {@code ENGRAM_CLOUD_MAX_PUSH_ENTRIES}
 * @param maxPullBytes   about the most bytes of mutations in one pull page (a page always holds at
 *                       least one); {@code ENGRAM_CLOUD_MAX_PULL_BYTES}
 * @param staticToken    the quick-start token of {@code ENGRAM_CLOUD_TOKEN}, if any
 * @param version        reported by {@code /health}
 */
public record CloudServerConfig(String host, int port, CloudDatabaseUrl database, int maxPushBytes, int maxPushEntries,
                                int maxPullBytes, Optional<StaticToken> staticToken, String version) {
    static final int MIN_PUSH_BYTES = 1024;
    static final int MAX_PUSH_BYTES = 1 << 30;
    static final int MAX_PUSH_ENTRIES = 10_000;
    static final int MIN_PULL_BYTES = 1024;
    static final int MAX_PULL_BYTES = 1 << 30;
    /** Bytes of mutations in one pull page unless configured otherwise: 4 MiB. */
    static final int DEFAULT_MAX_PULL_BYTES = 4 * 1024 * 1024;
    private static final Pattern BYTES = Pattern.compile("(\\d{1,10})\\s*(|b|kib|k|mib|m)", Pattern.CASE_INSENSITIVE);

    public CloudServerConfig {
        if (host == null || host.isBlank()) {
            throw new InvalidInputException("--host", "--host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new InvalidInputException("--port", "--port must be between 0 and 65535, was " + port);
        }
        if (database == null) {
            throw new InvalidInputException("--db", "--db must be given");
        }
        if (maxPushBytes < MIN_PUSH_BYTES || maxPushBytes > MAX_PUSH_BYTES) {
            throw new InvalidInputException("ENGRAM_CLOUD_MAX_PUSH_BYTES", "ENGRAM_CLOUD_MAX_PUSH_BYTES must be between 1KiB and 1024MiB, was " + maxPushBytes + " bytes");
        }
        if (maxPushEntries < 1 || maxPushEntries > MAX_PUSH_ENTRIES) {
            throw new InvalidInputException("ENGRAM_CLOUD_MAX_PUSH_ENTRIES", "ENGRAM_CLOUD_MAX_PUSH_ENTRIES must be between 1 and " + MAX_PUSH_ENTRIES + ", was " + maxPushEntries);
        }
        if (maxPullBytes < MIN_PULL_BYTES || maxPullBytes > MAX_PULL_BYTES) {
            throw new InvalidInputException("ENGRAM_CLOUD_MAX_PULL_BYTES", "ENGRAM_CLOUD_MAX_PULL_BYTES must be between 1KiB and 1024MiB, was " + maxPullBytes + " bytes");
        }
        staticToken = staticToken == null ? Optional.empty() : staticToken;
        version = version == null ? "dev" : version;
    }

    public static CloudServerConfig defaults() {
        return new CloudServerConfig("127.0.0.1", 8080, CloudDatabaseUrl.parse("--db", CloudDatabaseUrl.DEFAULT),
                SyncProtocol.DEFAULT_MAX_PUSH_BYTES, SyncProtocol.DEFAULT_MAX_PUSH_ENTRIES, DEFAULT_MAX_PULL_BYTES, Optional.empty(), "dev");
    }

    public CloudServerConfig withHost(String h) {
        return new CloudServerConfig(h, port, database, maxPushBytes, maxPushEntries, maxPullBytes, staticToken, version);
    }

    public CloudServerConfig withPort(int p) {
        return new CloudServerConfig(host, p, database, maxPushBytes, maxPushEntries, maxPullBytes, staticToken, version);
    }

    public CloudServerConfig withDatabase(CloudDatabaseUrl db) {
        return new CloudServerConfig(host, port, db, maxPushBytes, maxPushEntries, maxPullBytes, staticToken, version);
    }

    public CloudServerConfig withMaxPushBytes(int bytes) {
        return new CloudServerConfig(host, port, database, bytes, maxPushEntries, maxPullBytes, staticToken, version);
    }

    public CloudServerConfig withMaxPushEntries(int entries) {
        return new CloudServerConfig(host, port, database, maxPushBytes, entries, maxPullBytes, staticToken, version);
    }

    public CloudServerConfig withMaxPullBytes(int bytes) {
        return new CloudServerConfig(host, port, database, maxPushBytes, maxPushEntries, bytes, staticToken, version);
    }

    public CloudServerConfig withStaticToken(StaticToken token) {
        return new CloudServerConfig(host, port, database, maxPushBytes, maxPushEntries, maxPullBytes, Optional.ofNullable(token), version);
    }

    public CloudServerConfig withVersion(String v) {
        return new CloudServerConfig(host, port, database, maxPushBytes, maxPushEntries, maxPullBytes, staticToken, v);
    }

    /**
     * Applies the server's environment variables: {@code ENGRAM_CLOUD_MAX_PUSH_BYTES} (bytes, or with
     * KiB/MiB), {@code ENGRAM_CLOUD_MAX_PUSH_ENTRIES}, {@code ENGRAM_CLOUD_MAX_PULL_BYTES} (like the push bytes), and {@code ENGRAM_CLOUD_TOKEN} with
     * {@code ENGRAM_CLOUD_ALLOWED_PROJECTS} (comma-separated). A bad value names its variable.
     */
    public CloudServerConfig withEnvironment(Map<String, String> env) {
        CloudServerConfig c = this;
        String bytes = env.get("ENGRAM_CLOUD_MAX_PUSH_BYTES");
        if (bytes != null && !bytes.isBlank()) {
            c = c.withMaxPushBytes(parseBytes("ENGRAM_CLOUD_MAX_PUSH_BYTES", bytes));
        }
        String pullBytes = env.get("ENGRAM_CLOUD_MAX_PULL_BYTES");
        if (pullBytes != null && !pullBytes.isBlank()) {
            c = c.withMaxPullBytes(parseBytes("ENGRAM_CLOUD_MAX_PULL_BYTES", pullBytes));
        }
        String entries = env.get("ENGRAM_CLOUD_MAX_PUSH_ENTRIES");
        if (entries != null && !entries.isBlank()) {
            try {
                c = c.withMaxPushEntries(Integer.parseInt(entries.trim()));
            } catch (NumberFormatException e) {
                throw new InvalidInputException("ENGRAM_CLOUD_MAX_PUSH_ENTRIES", "ENGRAM_CLOUD_MAX_PUSH_ENTRIES must be a whole number, was '" + entries + "'");
            }
        }
        String token = env.get("ENGRAM_CLOUD_TOKEN");
        String projects = env.get("ENGRAM_CLOUD_ALLOWED_PROJECTS");
        if (token != null && !token.isBlank()) {
            List<String> list = projects == null ? List.of()
                    : Arrays.stream(projects.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
            c = c.withStaticToken(new StaticToken(token, list));
        } else if (projects != null && !projects.isBlank()) {
            throw new InvalidInputException("ENGRAM_CLOUD_TOKEN", "ENGRAM_CLOUD_ALLOWED_PROJECTS is set but ENGRAM_CLOUD_TOKEN is not; set both or neither");
        }
        return c;
    }

    static int parseBytes(String name, String text) {
        Matcher m = BYTES.matcher(text.trim());
        if (!m.matches()) {
            throw new InvalidInputException(name, name + " must be a size such as 8388608, 512KiB or 8MiB, was '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        long factor = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k", "kib" -> 1024L;
            case "m", "mib" -> 1024L * 1024;
            default -> 1L;
        };
        long value = n * factor;
        if (value > MAX_PUSH_BYTES) {
            throw new InvalidInputException(name, name + " must be at most 1024MiB, was '" + text + "'");
        }
        return (int) value;
    }
}
