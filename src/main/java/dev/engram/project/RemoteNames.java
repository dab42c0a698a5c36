package dev.engram.project;

import java.util.Locale;

/**
 * The repository name of a git remote URL: {@code git@host:org/My-App.git},
 * {@code ssh://git@host:22/org/my-app.git}, {@code https://host/org/my-app/} and {@code /srv/git/my-app.git}
 * all name {@code my-app}. Returns null for a URL without a usable last path segment.
 */
final class RemoteNames {
    private RemoteNames() {
    }

    static String repositoryName(String url) {
        if (url == null) {
            return null;
        }
        String s = url.strip();
        int query = indexOfAny(s, '?', '#');
        if (query >= 0) {
            s = s.substring(0, query);
        }
        s = s.replace('\\', '/');
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.toLowerCase(Locale.ROOT).endsWith(".git")) {
            s = s.substring(0, s.length() - 4);
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        int scheme = s.indexOf("://");
        String path;
        if (scheme >= 0) {
            String rest = s.substring(scheme + 3);
            int slash = rest.indexOf('/');
            path = slash < 0 ? "" : rest.substring(slash + 1);
        } else {
            // scp-like host:path (git@host:org/repo), unless it looks like a local path (C:/..., ./x, /x)
            int colon = s.indexOf(':');
            int firstSlash = s.indexOf('/');
            path = colon > 1 && (firstSlash < 0 || colon < firstSlash) ? s.substring(colon + 1) : s;
        }
        int last = path.lastIndexOf('/');
        String name = last >= 0 ? path.substring(last + 1) : path;
        name = name.strip().toLowerCase(Locale.ROOT);
        return name.isEmpty() || name.equals(".") || name.equals("..") ? null : name;
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : (j < 0 ? i : Math.min(i, j));
    }
}
