package dev.engram.web;

import dev.engram.memory.Browse;
import dev.engram.memory.SearchHit;
import dev.engram.memory.SearchQuery;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;

/** {@code /?q=QUERY[&project=P][&type=T]}: ranked full-text results with the matched words highlighted. */
final class SearchPage {
    static final int LIMIT = 50;

    private final Pages pages;

    SearchPage(Pages pages) {
        this.pages = pages;
    }

    void show(Context ctx) {
        String q = ctx.queryParam("q");
        String project = ProjectPages.blankToNull(ctx.queryParam("project"));
        String type = ProjectPages.blankToNull(ctx.queryParam("type"));
        Html main = Html.of();
        filters(main, q, project, type);
        if (q == null || q.isBlank()) {
            main.el("p", "Type some words to search every memory.");
        } else {
            List<SearchHit> hits = pages.store().search(new SearchQuery(q, type, project, null, LIMIT));
            List<String> words = Highlight.words(q);
            Instant now = pages.clock().instant();
            main.el("p", hits.isEmpty() ? "No memory matches." : Texts.plural(hits.size(), "result", "results")
                    + (hits.size() == LIMIT ? " (the best " + LIMIT + ")" : ""), "class", "meta", "role", "status");
            main.open("ol", "class", "memories results");
            for (SearchHit hit : hits) {
                var o = hit.observation();
                main.open("li").open("article").open("h2").open("a", "href", Urls.observation(o.id()));
                Highlight.mark(main, o.title(), words);
                main.close("a").close("h2")
                        .open("p", "class", "meta").el("span", o.type(), "class", "tag").text(" · ")
                        .a(Urls.project(o.project()), o.project()).text(" · #" + o.id() + " · ")
                        .el("time", Texts.ago(o.createdAt(), now), "datetime", Texts.iso(o.createdAt()), "title", Texts.when(o.createdAt()))
                        .close("p")
                        .el("p", Highlight.snippet(o.content(), words), "class", "excerpt")
                        .close("article").close("li");
            }
            main.close("ol");
        }
        pages.html(ctx, q == null || q.isBlank() ? "Search" : "Search: " + Texts.shorten(q, 60), Layout.Nav.SEARCH, q, main);
    }

    private void filters(Html main, String q, String project, String type) {
        main.open("form", "method", "get", "action", "/", "class", "filter")
                .open("input", "type", "hidden", "name", "q", "value", q == null ? "" : q)
                .el("label", "Project", "for", "search-project")
                .open("select", "id", "search-project", "name", "project").el("option", "All projects", "value", "");
        for (Browse.ProjectSummary p : pages.browse().projects()) {
            main.el("option", p.project(), "value", p.project(), "selected", p.project().equals(project) ? "" : null);
        }
        main.close("select")
                .el("label", "Type", "for", "search-type")
                .open("input", "id", "search-type", "name", "type", "value", type == null ? "" : type, "size", "12", "maxlength", "64")
                .el("button", "Apply", "type", "submit").close("form");
    }
}
