package dev.engram.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Builds the UI's links: every path segment and query value is percent-encoded. */
final class Urls {
    static final String MEMORIES = "/ui/memories";

    private Urls() {
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** {@code path} followed by the non-blank {@code name, value} pairs as a query string. */
    static String with(String path, String... params) {
        StringBuilder b = new StringBuilder(path);
        char sep = '?';
        for (int i = 0; i < params.length; i += 2) {
            if (params[i + 1] == null || params[i + 1].isBlank()) {
                continue;
            }
            b.append(sep).append(params[i]).append('=').append(enc(params[i + 1]));
            sep = '&';
        }
        return b.toString();
    }

    /** A project's memories. The name goes in the query: names may hold "/", "?", "#" or "%". */
    static String project(String project) {
        return MEMORIES + "?project=" + enc(project);
    }

    static String observation(long id) {
        return "/ui/observations/" + id;
    }
}
