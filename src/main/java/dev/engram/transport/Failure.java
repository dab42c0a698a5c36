package dev.engram.transport;

import java.util.Objects;

/**
 * A classified failure: its reason code, whether it heals by retrying or needs a human, whether it
 * concerns the whole server (so other requests of the same pass would fail the same way) or only the
 * request that got it, and the one-line error text.
 */
public record Failure(ReasonCode reason, Disposition disposition, Scope scope, String error) {

    public enum Disposition {
        /** Retrying later (with backoff) is expected to succeed. */
        RETRY,
        /** Retrying keeps failing until someone changes a token, a grant, a URL or a version. Still retried, slowly. */
        NEEDS_HUMAN
    }

    public enum Scope {
        /** Only the request that failed: the pass goes on with the other projects and with the pull. */
        REQUEST,
        /** Any request to this server would fail now: the pass stops talking to it. */
        SERVER
    }

    public Failure {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(disposition, "disposition");
        Objects.requireNonNull(scope, "scope");
        error = oneLine(error);
    }

    public boolean retriable() {
        return disposition == Disposition.RETRY;
    }

    /** Collapses the text to one line without control characters, so no log field can break a line. */
    public static String oneLine(String text) {
        if (text == null || text.isBlank()) {
            return "(no message)";
        }
        String flat = text.strip().replaceAll("[\\p{Cntrl}\\s]+", " ");
        return flat.length() > 500 ? flat.substring(0, 500) + "..." : flat;
    }
}
