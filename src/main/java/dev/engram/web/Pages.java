package dev.engram.web;

import dev.engram.autosync.SyncHistory;
import dev.engram.base.InvalidInputException;
import dev.engram.memory.Browse;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.view.SyncStatusSource;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.InstantSource;

/** What every page works with, and the few things every page does (send HTML, redirect, read a number). */
record Pages(SqliteMemoryStore store, Browse browse, SyncStatusSource status, SyncHistory history, InstantSource clock,
             Layout layout) {

    void html(Context ctx, String title, Layout.Nav nav, String query, Html main) {
        ctx.contentType(WebUi.HTML).result(layout.page(title, nav, query, main));
    }

    /** After a form post: 303 to the page that shows the result (reloading it does not post again). */
    static void seeOther(Context ctx, String location) {
        ctx.redirect(location, HttpStatus.SEE_OTHER);
    }

    /** A whole-number query parameter between {@code min} and {@code max}, or {@code fallback} when absent or blank. */
    static int number(Context ctx, String name, int fallback, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new InvalidInputException(name, name + " must be a whole number between " + min + " and " + max + ", was '"
                + Texts.shorten(v, 40) + "'");
    }

    /** The positive id in path parameter {@code name}. */
    static long id(Context ctx, String name) {
        String v = ctx.pathParam(name);
        try {
            long id = Long.parseLong(v);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new InvalidInputException(name, name + " must be a positive whole number, was '" + Texts.shorten(v, 40) + "'");
    }
}
