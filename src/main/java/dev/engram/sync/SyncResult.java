package dev.engram.sync;

import dev.engram.transport.Failure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** How a pass ended. A failure talking to the server is an outcome, not an exception. */
public sealed interface SyncResult {

    /** Another process holds the lease (or took it over during the pass): this one stays passive. */
    record LeaseHeld(String owner, Instant until) implements SyncResult { }

    /**
     * The lease could not be read or written (the local database failed), at the start of the pass (nothing
     * was synced) or while renewing it during the pass (the pass stopped there; what it pushed or applied
     * before stays done and was reported by its events).
     */
    record LeaseError(Failure failure) implements SyncResult { }

    /**
     * The pass ran. It succeeded when {@link #ok()}; otherwise {@link #failure()} is the one to report:
     * the first push failure, else the pull failure.
     *
     * @param pushed          journal rows the server acknowledged (and that were deleted here)
     * @param applied         pulled mutations that changed local state
     * @param stale           pulled mutations already known here (echoes of our own, older versions)
     * @param setAside        pulled mutations sent to the dead letters
     * @param lastPulledSeq   the cursor after the pass
     * @param serverLatestSeq the newest seq the server reported, or null when no pull answered
     * @param pushFailures    one entry per project whose push failed
     * @param pullFailure     why the pull failed, or null
     */
    record Completed(int pushed, int applied, int stale, int setAside, long lastPulledSeq, Long serverLatestSeq,
            List<ProjectFailure> pushFailures, Failure pullFailure, Duration elapsed) implements SyncResult {
        public Completed {
            pushFailures = List.copyOf(pushFailures);
            Objects.requireNonNull(elapsed, "elapsed");
        }

        public boolean ok() {
            return pushFailures.isEmpty() && pullFailure == null;
        }

        /** The failure to report: the first push failure, else the pull failure, else null. */
        public Failure failure() {
            return !pushFailures.isEmpty() ? pushFailures.getFirst().failure() : pullFailure;
        }

        /** True when the reported failure came from the push. */
        public boolean failedInPush() {
            return !pushFailures.isEmpty();
        }
    }

    record ProjectFailure(String project, Failure failure) { }
}
