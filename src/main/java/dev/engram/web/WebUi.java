package dev.engram.web;

import dev.engram.autosync.SyncHistory;
import dev.engram.base.InvalidInputException;
import dev.engram.base.NotFoundException;
import dev.engram.logging.ComponentLogger;
import dev.engram.memory.Browse;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.memory.StoreException;
import dev.engram.view.SyncStatusSource;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.InstantSource;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * The web UI of {@code engram serve}: its route table, the security headers of every page, the two
 * assets (stylesheet and htmx, both from the jar), and how a failure becomes a page. Registered on the
 * local API with {@code LocalApi.withRoutes}, so the API's request guard runs first (loopback Host, no
 * foreign Origin, JSON or this UI's own forms only). Pages live under {@code /ui/}, except the front
 * page {@code /} (projects, or search results with {@code ?q=}).
 */
public final class WebUi implements Consumer<RoutesConfig> {
    static final String CSS_PATH = "/ui/assets/engram.css";
    static final String HTML = "text/html; charset=utf-8";
    /** No inline script or style, nothing from elsewhere, no framing, forms only back to this server. */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    static final String REFERRER_POLICY = "same-origin";
    private static final String HTMX_RESOURCE = "META-INF/resources/webjars/htmx.org/%s/dist/htmx.min.js";
    private static final ComponentLogger log = ComponentLogger.of("web");

    private final Pages pages;
    private final String htmxVersion;
    private final byte[] css;
    private final byte[] htmx;

    /** {@code history}: the last hour of this process's sync activity, fed by the autosync manager. */
    public WebUi(SqliteMemoryStore store, SyncStatusSource status, SyncHistory history, InstantSource clock) {
        this.htmxVersion = htmxVersion();
        this.css = resource("dev/engram/web/engram.css");
        this.htmx = resource(HTMX_RESOURCE.formatted(htmxVersion));
        Layout layout = new Layout("/ui/assets/htmx-" + htmxVersion + ".min.js");
        this.pages = new Pages(store, new Browse(store), status, history, clock, layout);
    }

    @Override
    public void accept(RoutesConfig routes) {
        routes.before("/", WebUi::securityHeaders);
        routes.before("/ui/*", WebUi::securityHeaders);
        routes.get("/", page(ctx -> {
            if (ctx.queryParam("q") != null) {
                new SearchPage(pages).show(ctx);
            } else {
                new ProjectPages(pages).list(ctx);
            }
        }));
        routes.get(Urls.MEMORIES, page(new ProjectPages(pages)::memories));
        routes.get("/ui/observations/{id}", page(new ObservationPages(pages)::show));
        routes.post("/ui/observations/{id}", page(new ObservationPages(pages)::edit));
        routes.get("/ui/observations/{id}/delete", page(new ObservationPages(pages)::confirmDelete));
        routes.post("/ui/observations/{id}/delete", page(new ObservationPages(pages)::delete));
        routes.get("/ui/sessions", page(new SessionsPage(pages)::show));
        routes.get("/ui/sync", page(new SyncPage(pages)::show));
        routes.get("/ui/sync/live", page(new SyncPage(pages)::live));
        routes.post("/ui/sync/outbound/{id}/retry", page(new SyncPage(pages)::retry));
        routes.get("/ui/sync/outbound/{id}/discard", page(new SyncPage(pages)::confirmDiscard));
        routes.post("/ui/sync/outbound/{id}/discard", page(new SyncPage(pages)::discard));
        routes.get(CSS_PATH, ctx -> asset(ctx, "text/css; charset=utf-8", css));
        routes.get("/ui/assets/htmx-" + htmxVersion + ".min.js", ctx -> asset(ctx, "text/javascript; charset=utf-8", htmx));
    }

    private static void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        // Not no-referrer: under it, browsers send "Origin: null" with every POST, even to the same origin, and
        // the request guard lets the UI's forms through only with this server's own Origin. same-origin sends
        // nothing to any other origin either (and the UI links to none).
        ctx.header("Referrer-Policy", REFERRER_POLICY);
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Cache-Control", "no-store");
    }

    private static void asset(Context ctx, String type, byte[] body) {
        ctx.header("Cache-Control", "max-age=3600");
        ctx.contentType(type).result(body);
    }

    /** Runs a page handler; bad input, a missing memory or a busy store become a page that says so. */
    private Handler page(Handler handler) {
        return ctx -> {
            try {
                handler.handle(ctx);
            } catch (InvalidInputException e) {
                problem(ctx, HttpStatus.BAD_REQUEST, "Bad request", e.getMessage());
            } catch (NotFoundException e) {
                problem(ctx, HttpStatus.NOT_FOUND, "Not found", e.getMessage());
            } catch (StoreException e) {
                problem(ctx, HttpStatus.SERVICE_UNAVAILABLE, "Database busy", e.getMessage() + " Try again in a moment.");
            } catch (RuntimeException e) {
                log.atError().setMessage("page failed").addKeyValue("path", ctx.path()).setCause(e).log();
                problem(ctx, HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong",
                        "The server could not show this page (" + e.getClass().getSimpleName() + "); its log says more.");
            }
        };
    }

    private void problem(Context ctx, HttpStatus status, String title, String message) {
        Html main = Html.of().el("p", message, "class", "problem", "role", "alert").open("p").a("/", "Back to projects").close("p");
        ctx.status(status).contentType(HTML).result(pages.layout().page(title, Layout.Nav.NONE, null, main));
    }

    /** The htmx version on the classpath, from its webjar's Maven metadata. */
    private static String htmxVersion() {
        Properties p = new Properties();
        try (InputStream in = WebUi.class.getClassLoader().getResourceAsStream("META-INF/maven/org.webjars.npm/htmx.org/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the htmx webjar is missing from the classpath");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }

    private static byte[] resource(String name) {
        try (InputStream in = WebUi.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
