package dev.engram.web;

import dev.engram.base.InvalidInputException;
import dev.engram.sync.DeadLetters;
import dev.engram.sync.OutboundDeadLetters;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code /ui/sync}: the sync status record in words (phase, what is wrong and what to do, pending
 * changes, inbound lag, who holds the lease), the last hour as a chart, and the dead letters both ways
 * with their reasons; outbound ones can be retried or discarded. The status part refreshes itself
 * every few seconds (htmx swaps in {@code /ui/sync/live}).
 */
final class SyncPage {
    /** What a retry or discard did, by code: the page never echoes text from its address. */
    private static final Map<String, String> DONE = Map.of(
            "retried", "Queued again for the next push.",
            "not-retried", "Nothing to retry: the change is gone or its project is no longer enrolled.",
            "discarded", "Discarded.",
            "not-discarded", "Nothing to discard: it was already gone.");

    private final Pages pages;

    SyncPage(Pages pages) {
        this.pages = pages;
    }

    void show(Context ctx) {
        Html main = Html.of();
        String done = DONE.get(String.valueOf(ctx.queryParam("done")));
        if (done != null) {
            main.el("p", done, "class", "notice", "role", "status");
        }
        main.add(status());
        main.open("section", "aria-labelledby", "chart-h").el("h2", "Last hour", "id", "chart-h")
                .add(SyncChart.render(pages.history().lastHour())).close("section");
        outbound(main);
        inbound(main);
        pages.html(ctx, "Sync", Layout.Nav.SYNC, null, main);
    }

    /** The status section alone, for htmx to swap in. */
    void live(Context ctx) {
        ctx.contentType(WebUi.HTML).result(status().toString());
    }

    private Html status() {
        Map<String, Object> s = pages.status().current();
        Instant now = pages.clock().instant();
        String phase = String.valueOf(s.get("phase"));
        // No aria-live: a region swapped every few seconds would be read out again and again.
        Html h = Html.of().open("section", "id", "sync-status", "aria-labelledby", "status-h",
                "hx-get", "/ui/sync/live", "hx-trigger", "every 5s", "hx-swap", "outerHTML");
        h.el("h2", "Status", "id", "status-h");
        h.open("p", "class", "phase phase-" + phase.replace('_', '-')).el("strong", phaseWords(phase)).close("p");
        if (s.get("reason_message") != null) {
            h.el("p", String.valueOf(s.get("reason_message")), "class", "reason", "role", "alert");
        }
        h.open("dl", "class", "fields");
        field(h, "Server", text(s.get("server"), "none"));
        field(h, "Reason code", text(s.get("reason_code"), "none"));
        field(h, "Last error", text(s.get("last_error"), "none"));
        field(h, "Failures in a row", text(s.get("consecutive_failures"), "0"));
        field(h, "Next attempt not before", when(s.get("backoff_until"), now));
        field(h, "Last full sync", when(s.get("last_sync_at"), now));
        long pending = number(s.get("pending_count"));
        Object oldest = s.get("oldest_pending_age_ms");
        field(h, "Waiting to be pushed", Texts.plural(pending, "change", "changes")
                + (oldest instanceof Number n ? ", oldest " + Texts.age(Duration.ofMillis(n.longValue())) + " old" : ""));
        Object latest = s.get("server_latest_seq");
        long pulled = number(s.get("last_pulled_seq"));
        field(h, "Inbound lag", latest instanceof Number n
                ? Texts.plural(Math.max(0, n.longValue() - pulled), "change", "changes") + " on the server not pulled yet (at " + pulled
                + " of " + n.longValue() + ")"
                : "unknown until the server answers (pulled up to " + pulled + ")");
        field(h, "Lease", s.get("lease_owner") == null ? "nobody is syncing right now"
                : s.get("lease_owner") + " until " + when(s.get("lease_until"), now));
        field(h, "Set aside (inbound / outbound)", text(s.get("dead_count"), "0") + " / " + text(s.get("outbound_dead_count"), "0"));
        Object enrolled = s.get("enrolled_projects");
        field(h, "Enrolled projects", enrolled instanceof List<?> l && !l.isEmpty() ? String.join(", ", l.stream().map(String::valueOf).toList())
                : "none");
        h.close("dl").close("section");
        return h;
    }

    static String phaseWords(String phase) {
        return switch (phase) {
            case "healthy" -> "Healthy: everything is in sync.";
            case "idle" -> "Idle: waiting for a change or the next poll.";
            case "pushing" -> "Pushing local changes to the server…";
            case "pulling" -> "Pulling changes from the server…";
            case "push_failed" -> "Stuck: the last push failed.";
            case "pull_failed" -> "Stuck: the last pull failed.";
            case "backoff" -> "Waiting before the next attempt, after failures.";
            case "disabled" -> "Sync is off.";
            default -> "Phase: " + phase;
        };
    }

    private void outbound(Html main) {
        List<OutboundDeadLetters.Letter> letters = OutboundDeadLetters.list(pages.store());
        main.open("section", "aria-labelledby", "out-h").el("h2", "Local changes the server refused", "id", "out-h");
        if (letters.isEmpty()) {
            main.el("p", "None.").close("section");
            return;
        }
        main.el("p", "These memories stay on this machine; only their replication is held back. Retry after fixing the cause,"
                + " or discard to stop sending them.");
        main.open("table", "class", "list").open("thead").open("tr").el("th", "Project", "scope", "col").el("th", "What", "scope", "col")
                .el("th", "Reason", "scope", "col").el("th", "When", "scope", "col").el("th", "Actions", "scope", "col")
                .close("tr").close("thead").open("tbody");
        for (OutboundDeadLetters.Letter l : letters) {
            String base = "/ui/sync/outbound/" + l.id();
            main.open("tr").el("td", l.project()).el("td", l.entity() + " " + l.op() + " " + l.entityKey())
                    .el("td", (l.field() == null ? "" : l.field() + ": ") + l.error()).el("td", Texts.when(l.deadAt()))
                    .open("td").open("form", "method", "post", "action", base + "/retry", "class", "inline")
                    .el("button", "Retry", "type", "submit", "aria-label", "Retry " + l.entity() + " " + l.entityKey())
                    .close("form").text(" ")
                    .a(base + "/discard", "Discard…", "class", "danger", "aria-label", "Discard " + l.entity() + " " + l.entityKey())
                    .close("td").close("tr");
        }
        main.close("tbody").close("table").close("section");
    }

    private void inbound(Html main) {
        List<DeadLetters.Letter> letters = DeadLetters.list(pages.store());
        main.open("section", "aria-labelledby", "in-h").el("h2", "Changes from the server set aside", "id", "in-h");
        if (letters.isEmpty()) {
            main.el("p", "None.").close("section");
            return;
        }
        main.el("p", "Pulled changes this replica could not apply; the rest kept flowing. engram sync dead lists them too.");
        main.open("table", "class", "list").open("thead").open("tr").el("th", "Seq", "scope", "col").el("th", "Project", "scope", "col")
                .el("th", "What", "scope", "col").el("th", "Reason", "scope", "col").el("th", "When", "scope", "col")
                .close("tr").close("thead").open("tbody");
        for (DeadLetters.Letter l : letters) {
            main.open("tr").el("td", Long.toString(l.seq())).el("td", l.project()).el("td", l.entity() + " " + l.op())
                    .el("td", l.error()).el("td", Texts.when(l.deadAt())).close("tr");
        }
        main.close("tbody").close("table").close("section");
    }

    void retry(Context ctx) {
        long id = Pages.id(ctx, "id");
        int moved = OutboundDeadLetters.retry(pages.store(), List.of(id));
        Pages.seeOther(ctx, "/ui/sync?done=" + (moved == 1 ? "retried" : "not-retried"));
    }

    void confirmDiscard(Context ctx) {
        long id = Pages.id(ctx, "id");
        OutboundDeadLetters.Letter letter = OutboundDeadLetters.list(pages.store()).stream().filter(l -> l.id() == id).findFirst()
                .orElseThrow(() -> new dev.engram.base.NotFoundException("refused change " + id + " not found"));
        Html main = Html.of().el("p", "The server refused " + letter.entity() + " " + letter.op() + " " + letter.entityKey()
                        + " of " + letter.project() + ": " + letter.error())
                .el("p", "Discarding stops sending it. The memory stays on this machine; other replicas will not get this change.")
                .open("form", "method", "post", "action", "/ui/sync/outbound/" + id + "/discard", "class", "confirm")
                .open("input", "type", "hidden", "name", "confirm", "value", "yes")
                .el("button", "Yes, discard", "type", "submit", "class", "danger").text(" ").a("/ui/sync", "Cancel")
                .close("form");
        pages.html(ctx, "Discard this refused change?", Layout.Nav.SYNC, null, main);
    }

    void discard(Context ctx) {
        long id = Pages.id(ctx, "id");
        if (!"yes".equals(ctx.formParam("confirm"))) {
            throw new InvalidInputException("confirm", "confirm must be yes: discarding needs the confirmation page");
        }
        int dropped = OutboundDeadLetters.discard(pages.store(), List.of(id));
        Pages.seeOther(ctx, "/ui/sync?done=" + (dropped == 1 ? "discarded" : "not-discarded"));
    }

    private static void field(Html h, String name, String value) {
        h.el("dt", name).el("dd", value);
    }

    private static String text(Object v, String none) {
        return v == null ? none : String.valueOf(v);
    }

    private static long number(Object v) {
        return v instanceof Number n ? n.longValue() : 0;
    }

    private static String when(Object v, Instant now) {
        if (v instanceof String text) {
            try {
                v = Instant.parse(text); // the record may carry times as RFC 3339 text
            } catch (java.time.format.DateTimeParseException e) {
                return text;
            }
        }
        if (v instanceof Instant t) {
            return Texts.when(t) + (t.isAfter(now) ? " (in " + Texts.age(Duration.between(now, t)) + ")" : " (" + Texts.ago(t, now) + ")");
        }
        return v == null ? "never" : String.valueOf(v);
    }
}
