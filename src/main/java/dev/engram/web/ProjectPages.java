package dev.engram.web;

import dev.engram.memory.Browse;
import dev.engram.memory.Observation;
import dev.engram.memory.Projects;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;

/** The front page (every project with its counts and last activity) and one project's memories, newest first. */
final class ProjectPages {
    static final int PAGE_SIZE = 50;

    private final Pages pages;

    ProjectPages(Pages pages) {
        this.pages = pages;
    }

    void list(Context ctx) {
        List<Browse.ProjectSummary> projects = pages.browse().projects();
        Instant now = pages.clock().instant();
        Html main = Html.of();
        if (projects.isEmpty()) {
            main.el("p", "No memories yet. Agents save them through MCP (engram mcp, or /mcp on this server), "
                    + "or save one with: engram save TITLE CONTENT --project P");
        } else {
            main.open("table", "class", "list").el("caption", Texts.plural(projects.size(), "project", "projects"))
                    .open("thead").open("tr").el("th", "Project", "scope", "col").el("th", "Memories", "scope", "col", "class", "num")
                    .el("th", "Sessions", "scope", "col", "class", "num").el("th", "Prompts", "scope", "col", "class", "num")
                    .el("th", "Last activity", "scope", "col").close("tr").close("thead").open("tbody");
            for (Browse.ProjectSummary p : projects) {
                main.open("tr").open("th", "scope", "row").a(Urls.project(p.project()), p.project()).close("th")
                        .el("td", Long.toString(p.observations()), "class", "num")
                        .open("td", "class", "num").a(Urls.with("/ui/sessions", "project", p.project()), Long.toString(p.sessions()),
                                "aria-label", Texts.plural(p.sessions(), "session", "sessions") + " of " + p.project()).close("td")
                        .el("td", Long.toString(p.prompts()), "class", "num")
                        .open("td").el("time", Texts.ago(p.lastActivity(), now), "datetime", Texts.iso(p.lastActivity()),
                                "title", Texts.when(p.lastActivity())).close("td")
                        .close("tr");
            }
            main.close("tbody").close("table");
        }
        pages.html(ctx, "Projects", Layout.Nav.PROJECTS, null, main);
    }

    void memories(Context ctx) {
        String project = Projects.normalize("project", ctx.queryParam("project") == null ? "" : ctx.queryParam("project"));
        String type = blankToNull(ctx.queryParam("type"));
        int page = Pages.number(ctx, "page", 1, 1, 1_000_000);
        Browse.ObservationPage rows = pages.browse().observations(project, type, (page - 1) * PAGE_SIZE, PAGE_SIZE);
        Instant now = pages.clock().instant();
        Html main = Html.of();
        String deleted = ctx.queryParam("deleted");
        if (deleted != null && deleted.matches("[0-9]{1,19}")) { // only a number is echoed from the address
            main.el("p", "Memory " + deleted + " was deleted.", "class", "notice", "role", "status");
        }
        main.open("p", "class", "meta").text(Texts.plural(rows.total(), "memory", "memories") + (type == null ? "" : " of type " + type)
                + " · ").a(Urls.with("/ui/sessions", "project", project), "Sessions").close("p");
        main.open("form", "method", "get", "action", "/", "class", "filter")
                .open("input", "type", "hidden", "name", "project", "value", project)
                .el("label", "Search in " + project, "for", "project-q")
                .open("input", "id", "project-q", "name", "q", "type", "search", "maxlength", "1000")
                .el("button", "Search", "type", "submit").close("form");
        typeFilter(main, project, type);
        if (rows.observations().isEmpty()) {
            main.el("p", "Nothing here" + (page > 1 ? " on this page." : "."));
        } else {
            main.open("ol", "class", "memories", "start", Integer.toString(rows.offset() + 1));
            for (Observation o : rows.observations()) {
                item(main, o, now);
            }
            main.close("ol");
        }
        pager(main, project, type, page, rows);
        pages.html(ctx, project, Layout.Nav.PROJECTS, null, main);
    }

    static void item(Html main, Observation o, Instant now) {
        main.open("li").open("article").open("h2").a(Urls.observation(o.id()), o.title()).close("h2")
                .open("p", "class", "meta").el("span", o.type(), "class", "tag").text(" · #" + o.id() + " · ")
                .el("time", Texts.ago(o.createdAt(), now), "datetime", Texts.iso(o.createdAt()), "title", Texts.when(o.createdAt()))
                .text(o.revisionCount() > 1 ? " · " + Texts.plural(o.revisionCount(), "revision", "revisions") : "")
                .close("p")
                .el("p", Texts.shorten(o.content(), 240), "class", "excerpt")
                .close("article").close("li");
    }

    private void typeFilter(Html main, String project, String type) {
        List<String> types = pages.browse().types(project);
        main.open("form", "method", "get", "action", Urls.MEMORIES, "class", "filter", "id", "type-filter")
                .open("input", "type", "hidden", "name", "project", "value", project)
                .el("label", "Type", "for", "type")
                .open("select", "id", "type", "name", "type")
                .el("option", "All types", "value", "");
        for (String t : types) {
            main.el("option", t, "value", t, "selected", t.equals(type) ? "" : null);
        }
        main.close("select").el("button", "Filter", "type", "submit").close("form");
    }

    private static void pager(Html main, String project, String type, int page, Browse.ObservationPage rows) {
        String path = Urls.MEMORIES;
        if (page == 1 && !rows.hasNext()) {
            return;
        }
        main.open("nav", "aria-label", "Pages", "class", "pager");
        if (page > 1) {
            main.a(Urls.with(path, "project", project, "type", type, "page", Integer.toString(page - 1)), "← Newer", "rel", "prev");
        }
        long pagesTotal = Math.max(1, (rows.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        main.el("span", "Page " + page + " of " + pagesTotal);
        if (rows.hasNext()) {
            main.a(Urls.with(path, "project", project, "type", type, "page", Integer.toString(page + 1)), "Older →", "rel", "next");
        }
        main.close("nav");
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
