package dev.engram.transport;

import java.util.Locale;

/**
 * Why sync is not healthy (contract 6), with the one sentence a user reads in {@code engram sync status}:
 * what is wrong and what to do about it.
 */
public enum ReasonCode {
    AUTH_REQUIRED("The cloud server rejected the token (401); set a valid one with 'engram cloud config --token'."),
    POLICY_FORBIDDEN("The token is not granted one of the enrolled projects (403); grant it on the server or unenroll the project."),
    SERVER_UNSUPPORTED("The server does not offer the sync endpoints (404); check the server URL and upgrade the cloud server."),
    PAYLOAD_TOO_LARGE("The server refused a push as too large (413); raise ENGRAM_CLOUD_MAX_PUSH_BYTES on the server or lower ENGRAM_AUTOSYNC_PUSH_BATCH."),
    RATE_LIMITED("The server is rate limiting this client (429); sync retries on its own with backoff."),
    SERVER_ERROR("The cloud server failed (5xx); sync retries on its own, check the server's logs if it persists."),
    TRANSPORT_FAILED("The cloud server could not be reached (connect, reset or timeout); sync retries on its own, check the network and the server URL."),
    PROTOCOL_ERROR("The server's answer breaks the sync protocol; check that client and server versions match."),
    MUTATION_CONFLICT("The server holds other writes under this replica's mutation ids (a copied or restored data directory); "
            + "this replica took a new identity but the conflict persists: see 'engram sync dead' and the server's logs."),
    SERVER_RESET("The cloud server was reset or replaced (its id changed or its history is shorter than this replica's cursor); "
            + "this replica is pulling everything again from the start and pushing its memories again. Nothing to do."),
    INTERNAL_ERROR("Sync failed inside this process (the local database or a bug); it retries on its own, report the logged 'lease error' or 'cycle crashed' if it persists."),
    PAUSED("Autosync is turned off; turn it on with 'engram cloud config --autosync on' or run 'engram sync'."),
    NOT_CONFIGURED("No cloud server is configured; run 'engram cloud config --server URL --token TOKEN'.");

    private final String advice;

    ReasonCode(String advice) {
        this.advice = advice;
    }

    /** The wire spelling, for example {@code auth_required}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** One human sentence: what is wrong and what to do. */
    public String advice() {
        return advice;
    }

    /** The code spelled {@code wire}, or null for null or an unknown spelling (a newer writer's code). */
    public static ReasonCode fromWire(String wire) {
        if (wire == null) {
            return null;
        }
        for (ReasonCode code : values()) {
            if (code.wire().equals(wire)) {
                return code;
            }
        }
        return null;
    }
}
