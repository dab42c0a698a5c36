package dev.engram.web;

import dev.engram.memory.Browse;
import dev.engram.memory.Prompt;
import dev.engram.memory.Session;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;

/** {@code /ui/sessions[?project=P]}: sessions, newest first, each with the prompts its user gave. */
final class SessionsPage {
    static final int PAGE_SIZE = 25;

    private final Pages pages;

    SessionsPage(Pages pages) {
        this.pages = pages;
    }

    void show(Context ctx) {
        String project = ProjectPages.blankToNull(ctx.queryParam("project"));
        int page = Pages.number(ctx, "page", 1, 1, 1_000_000);
        List<Browse.SessionWithPrompts> sessions = pages.browse().sessions(project, (page - 1) * PAGE_SIZE, PAGE_SIZE + 1);
        boolean more = sessions.size() > PAGE_SIZE;
        Instant now = pages.clock().instant();
        Html main = Html.of();
        if (project != null) {
            main.open("p", "class", "meta").text("Project ").a(Urls.project(project), project).text(" · ")
                    .a("/ui/sessions", "All projects").close("p");
        }
        if (sessions.isEmpty()) {
            main.el("p", "No sessions" + (page > 1 ? " on this page." : " yet."));
        }
        for (Browse.SessionWithPrompts sp : sessions.subList(0, Math.min(PAGE_SIZE, sessions.size()))) {
            Session s = sp.session();
            main.open("article", "class", "session").el("h2", s.id())
                    .open("p", "class", "meta").a(Urls.project(s.project()), s.project()).text(" · started ")
                    .el("time", Texts.ago(s.startedAt(), now), "datetime", Texts.iso(s.startedAt()), "title", Texts.when(s.startedAt()))
                    .text(s.endedAt() == null ? " · open" : " · ended " + Texts.when(s.endedAt()))
                    .text(s.directory() == null || s.directory().isBlank() ? "" : " · " + s.directory())
                    .close("p");
            if (s.summary() != null && !s.summary().isBlank()) {
                main.el("p", s.summary(), "class", "summary");
            }
            if (sp.prompts().isEmpty()) {
                main.el("p", "No prompts.", "class", "meta");
            } else {
                main.el("h3", Texts.plural(sp.prompts().size(), "prompt", "prompts")).open("ol", "class", "prompts");
                for (Prompt p : sp.prompts()) {
                    main.open("li").el("time", Texts.when(p.createdAt()), "datetime", Texts.iso(p.createdAt())).text(" ")
                            .el("q", Texts.shorten(p.content(), 600)).close("li");
                }
                main.close("ol");
            }
            main.close("article");
        }
        if (page > 1 || more) {
            main.open("nav", "aria-label", "Pages", "class", "pager");
            if (page > 1) {
                main.a(Urls.with("/ui/sessions", "project", project, "page", Integer.toString(page - 1)), "← Newer", "rel", "prev");
            }
            main.el("span", "Page " + page);
            if (more) {
                main.a(Urls.with("/ui/sessions", "project", project, "page", Integer.toString(page + 1)), "Older →", "rel", "next");
            }
            main.close("nav");
        }
        pages.html(ctx, "Sessions", Layout.Nav.SESSIONS, null, main);
    }
}
