package dev.engram.web;

import dev.engram.base.InvalidInputException;
import dev.engram.memory.Observation;
import dev.engram.memory.ObservationUpdate;
import dev.engram.memory.Timeline;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Objects;

/**
 * One observation: every field, its revision count, its timeline, an edit form and deletion behind a
 * confirmation page. Edits and deletions call the same store methods as the API and MCP, so they are
 * redacted, journaled and replicated like any other write.
 */
final class ObservationPages {
    private final Pages pages;

    ObservationPages(Pages pages) {
        this.pages = pages;
    }

    void show(Context ctx) {
        long id = Pages.id(ctx, "id");
        Observation o = pages.store().get(id);
        Instant now = pages.clock().instant();
        Html main = Html.of();
        if (ctx.queryParam("saved") != null) {
            main.el("p", "Saved.", "class", "notice", "role", "status");
        }
        if (ctx.queryParam("unchanged") != null) {
            main.el("p", "Nothing changed.", "class", "notice", "role", "status");
        }
        if (o.deleted()) {
            main.el("p", "This memory was deleted " + Texts.ago(o.deletedAt(), now) + ": search and context no longer show it.",
                    "class", "problem", "role", "status");
        }
        main.open("section", "aria-labelledby", "content-h").el("h2", "Content", "id", "content-h")
                .el("pre", o.content(), "class", "content").close("section");
        fields(main, o, now);
        if (!o.deleted()) {
            timeline(main, pages.store().timeline(id, 5, 5), now);
            editForm(main, o);
        }
        main.open("section", "aria-labelledby", "delete-h").el("h2", "Delete", "id", "delete-h")
                .open("p").a(Urls.observation(id) + "/delete", o.deleted() ? "Remove for good…" : "Delete this memory…", "class", "danger")
                .close("p").close("section");
        pages.html(ctx, o.title(), Layout.Nav.PROJECTS, null, main);
    }

    private static void fields(Html main, Observation o, Instant now) {
        main.open("section", "aria-labelledby", "fields-h").el("h2", "Details", "id", "fields-h").open("dl", "class", "fields");
        field(main, "Id", "#" + o.id());
        main.el("dt", "Project").open("dd").a(Urls.project(o.project()), o.project()).close("dd");
        field(main, "Type", o.type());
        field(main, "Scope", o.scope().wire());
        field(main, "Topic key", o.topicKey() == null ? "none" : o.topicKey());
        main.el("dt", "Session").open("dd").a(Urls.with("/ui/sessions", "project", o.project()), o.sessionId()).close("dd");
        field(main, "Tool", o.toolName() == null ? "none" : o.toolName());
        field(main, "Revisions", Integer.toString(o.revisionCount()));
        field(main, "Times saved (identical saves folded in)", Integer.toString(o.duplicateCount()));
        field(main, "Created", Texts.when(o.createdAt()) + " (" + Texts.ago(o.createdAt(), now) + ")");
        field(main, "Updated", Texts.when(o.updatedAt()) + " (" + Texts.ago(o.updatedAt(), now) + ")");
        if (o.deleted()) {
            field(main, "Deleted", Texts.when(o.deletedAt()));
        }
        field(main, "Sync id", o.syncId());
        main.close("dl").close("section");
    }

    private static void field(Html main, String name, String value) {
        main.el("dt", name).el("dd", value);
    }

    private static void timeline(Html main, Timeline t, Instant now) {
        main.open("section", "aria-labelledby", "timeline-h").el("h2", "Timeline of its session", "id", "timeline-h");
        if (t.before().isEmpty() && t.after().isEmpty()) {
            main.el("p", "No other memory in this session.");
        }
        main.open("ol", "class", "timeline");
        for (Observation o : t.before()) {
            entry(main, o, now, false);
        }
        entry(main, t.focus(), now, true);
        for (Observation o : t.after()) {
            entry(main, o, now, false);
        }
        main.close("ol").close("section");
    }

    private static void entry(Html main, Observation o, Instant now, boolean focus) {
        main.open("li", "class", focus ? "focus" : null, "aria-current", focus ? "true" : null)
                .el("time", Texts.when(o.createdAt()), "datetime", Texts.iso(o.createdAt())).text(" ");
        if (focus) {
            main.el("strong", o.title());
        } else {
            main.a(Urls.observation(o.id()), o.title());
        }
        main.text(" (" + o.type() + ")").close("li");
    }

    private static void editForm(Html main, Observation o) {
        main.open("section", "aria-labelledby", "edit-h").el("h2", "Edit", "id", "edit-h")
                .open("form", "method", "post", "action", Urls.observation(o.id()), "class", "edit")
                .el("label", "Title", "for", "f-title")
                .open("input", "id", "f-title", "name", "title", "value", o.title(), "required", "", "maxlength", "1000")
                .el("label", "Content", "for", "f-content")
                .el("textarea", o.content(), "id", "f-content", "name", "content", "rows", "10", "required", "")
                .el("label", "Type", "for", "f-type")
                .open("input", "id", "f-type", "name", "type", "value", o.type(), "required", "", "maxlength", "64")
                .el("label", "Scope", "for", "f-scope")
                .open("select", "id", "f-scope", "name", "scope");
        for (String s : new String[] {"project", "personal"}) {
            main.el("option", s, "value", s, "selected", s.equals(o.scope().wire()) ? "" : null);
        }
        main.close("select")
                .el("label", "Topic key (empty clears it)", "for", "f-topic")
                .open("input", "id", "f-topic", "name", "topic_key", "value", o.topicKey() == null ? "" : o.topicKey(), "maxlength", "200")
                .el("button", "Save changes", "type", "submit")
                .close("form").close("section");
    }

    /** The form's fields; unchanged ones are left out of the update so the revision reflects real edits. */
    void edit(Context ctx) {
        long id = Pages.id(ctx, "id");
        Observation o = pages.store().get(id);
        String title = required(ctx, "title");
        String content = required(ctx, "content").replace("\r\n", "\n"); // browsers send textarea lines with CRLF
        String type = required(ctx, "type");
        String scope = required(ctx, "scope");
        String topic = ctx.formParam("topic_key") == null ? "" : ctx.formParam("topic_key").strip();
        ObservationUpdate update = new ObservationUpdate(
                title.equals(o.title()) ? null : title,
                content.equals(o.content()) ? null : content,
                type.strip().equals(o.type()) ? null : type,
                scope.equals(o.scope().wire()) ? null : scope,
                topic.equals(Objects.requireNonNullElse(o.topicKey(), "")) ? null : topic);
        if (update.equals(new ObservationUpdate(null, null, null, null, null))) {
            Pages.seeOther(ctx, Urls.observation(id) + "?unchanged=1");
            return;
        }
        pages.store().update(id, update);
        Pages.seeOther(ctx, Urls.observation(id) + "?saved=1");
    }

    void confirmDelete(Context ctx) {
        long id = Pages.id(ctx, "id");
        Observation o = pages.store().get(id);
        Html main = Html.of().open("p").text("Memory #" + id + " of ").a(Urls.project(o.project()), o.project()).text(": ")
                .el("strong", o.title()).close("p");
        main.open("form", "method", "post", "action", Urls.observation(id) + "/delete", "class", "confirm")
                .open("fieldset").el("legend", "How to delete");
        if (!o.deleted()) {
            main.open("div").open("input", "type", "radio", "id", "d-soft", "name", "hard", "value", "false", "checked", "")
                    .el("label", "Delete: hide it from search and context everywhere it syncs (it can still be seen here)", "for", "d-soft")
                    .close("div");
        }
        main.open("div").open("input", "type", "radio", "id", "d-hard", "name", "hard", "value", "true", "checked", o.deleted() ? "" : null)
                .el("label", "Remove for good: erase it here and on every replica (cannot be undone)", "for", "d-hard").close("div")
                .close("fieldset")
                .open("input", "type", "hidden", "name", "confirm", "value", "yes")
                .el("button", "Yes, delete", "type", "submit", "class", "danger").text(" ")
                .a(Urls.observation(id), "Cancel")
                .close("form");
        pages.html(ctx, "Delete this memory?", Layout.Nav.PROJECTS, null, main);
    }

    void delete(Context ctx) {
        long id = Pages.id(ctx, "id");
        if (!"yes".equals(ctx.formParam("confirm"))) {
            throw new InvalidInputException("confirm", "confirm must be yes: deleting needs the confirmation page");
        }
        String hard = ctx.formParam("hard");
        if (!"true".equals(hard) && !"false".equals(hard)) {
            throw new InvalidInputException("hard", "hard must be true or false, was '" + Texts.shorten(hard, 20) + "'");
        }
        Observation o = pages.store().get(id);
        pages.store().delete(id, Boolean.parseBoolean(hard));
        Pages.seeOther(ctx, Urls.with(Urls.MEMORIES, "project", o.project(), "deleted", Long.toString(id)));
    }

    private static String required(Context ctx, String name) {
        String v = ctx.formParam(name);
        if (v == null) {
            throw new InvalidInputException(name, name + " is required");
        }
        return v;
    }
}
