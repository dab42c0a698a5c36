package dev.engram.web;

/**
 * The frame of every page: head (stylesheet and the one script, both served by {@code engram serve}),
 * a skip link, the main navigation, the search box, and the page's {@code <main>}.
 */
final class Layout {
    /** Which navigation entry is the current page. */
    enum Nav { PROJECTS, SEARCH, SESSIONS, SYNC, NONE }

    /** htmx settings: no inline styles or eval (the CSP forbids both), requests to this server only. */
    private static final String HTMX_CONFIG = "{\"includeIndicatorStyles\":false,\"allowEval\":false,"
            + "\"allowScriptTags\":false,\"selfRequestsOnly\":true,\"historyCacheSize\":0}";

    private final String htmxPath;

    Layout(String htmxPath) {
        this.htmxPath = htmxPath;
    }

    /** A whole page; {@code query} pre-fills the search box. */
    String page(String title, Nav nav, String query, Html main) {
        Html h = Html.of();
        h.open("html", "lang", "en").open("head")
                .open("meta", "charset", "utf-8")
                .open("meta", "name", "viewport", "content", "width=device-width, initial-scale=1")
                .open("meta", "name", "htmx-config", "content", HTMX_CONFIG)
                .el("title", title + " · Engram")
                .open("link", "rel", "stylesheet", "href", WebUi.CSS_PATH)
                .el("script", "", "src", htmxPath, "defer", "")
                .close("head");
        h.open("body");
        h.a("#main", "Skip to content", "class", "skip");
        h.open("header", "class", "top");
        h.open("nav", "aria-label", "Main").a("/", "Engram", "class", "brand").open("ul");
        item(h, "/", "Projects", nav == Nav.PROJECTS);
        item(h, "/ui/sessions", "Sessions", nav == Nav.SESSIONS);
        item(h, "/ui/sync", "Sync", nav == Nav.SYNC);
        h.close("ul").close("nav");
        h.open("form", "role", "search", "action", "/", "method", "get", "class", "search")
                .el("label", "Search memories", "for", "q", "class", "visually-hidden")
                .open("input", "id", "q", "name", "q", "type", "search", "value", query == null ? "" : query,
                        "placeholder", "Search memories", "maxlength", "1000")
                .el("button", "Search", "type", "submit")
                .close("form");
        h.close("header");
        h.open("main", "id", "main", "tabindex", "-1").el("h1", title).add(main).close("main");
        h.close("body").close("html");
        return "<!doctype html>\n" + h;
    }

    private static void item(Html h, String href, String text, boolean current) {
        h.open("li").a(href, text, "aria-current", current ? "page" : null).close("li");
    }
}
