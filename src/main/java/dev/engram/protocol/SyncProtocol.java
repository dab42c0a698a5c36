package dev.engram.protocol;

/** Paths, parameter names and limits of the wire protocol (contract 8). */
public final class SyncProtocol {
    public static final String PUSH_PATH = "/sync/mutations/push";
    public static final String PULL_PATH = "/sync/mutations/pull";
    public static final String HEALTH_PATH = "/health";
    public static final String METRICS_PATH = "/metrics";

    public static final String SINCE_SEQ = "since_seq";
    public static final String LIMIT = "limit";
    public static final String WAIT_MS = "wait_ms";

    /** Service name reported by {@code /health}. */
    public static final String SERVICE = "engram-cloud";
    /** Entries a server accepts in one push unless configured otherwise. */
    public static final int DEFAULT_MAX_PUSH_ENTRIES = 100;
    /** Body size a server accepts in one push unless configured otherwise: 8 MiB. */
    public static final int DEFAULT_MAX_PUSH_BYTES = 8 * 1024 * 1024;
    /** Page size of a pull that names no {@code limit}. */
    public static final int DEFAULT_PULL_LIMIT = 100;
    /** Largest {@code limit} a pull may ask for. */
    public static final int MAX_PULL_LIMIT = 1000;
    /** Longest {@code wait_ms} a pull may ask for. */
    public static final int MAX_WAIT_MS = 30_000;

    private SyncProtocol() {
    }
}
