package dev.engram.web;

import java.util.regex.Pattern;

/**
 * A small HTML writer that escapes every value by default: text and attribute values always go
 * through {@link #escape}, so a stored {@code <script>} is shown as text. Tag and attribute names are
 * the code's own constants and are checked to be plain names. The only way to add markup is another
 * {@code Html} built the same way ({@link #add(Html)}).
 */
final class Html {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    private final StringBuilder out = new StringBuilder(1024);

    static Html of() {
        return new Html();
    }

    /** {@code &}, {@code <}, {@code >}, {@code "} and {@code '} as character references; null as empty. */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            String rep = switch (ch) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (rep != null) {
                if (b == null) {
                    b = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                b.append(rep);
            } else if (b != null) {
                b.append(ch);
            }
        }
        return b == null ? s : b.toString();
    }

    /** Escaped text. */
    Html text(String s) {
        out.append(escape(s));
        return this;
    }

    /** Markup built by another {@code Html}. */
    Html add(Html other) {
        out.append(other.out);
        return this;
    }

    /** An opening tag; {@code attrs} are name, value pairs (a null value leaves the attribute out, "" writes it bare). */
    Html open(String tag, String... attrs) {
        out.append('<').append(name(tag));
        if (attrs.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name, value pairs");
        }
        for (int i = 0; i < attrs.length; i += 2) {
            if (attrs[i + 1] == null) {
                continue;
            }
            out.append(' ').append(name(attrs[i]));
            if (!attrs[i + 1].isEmpty()) {
                out.append("=\"").append(escape(attrs[i + 1])).append('"');
            }
        }
        out.append('>');
        return this;
    }

    Html close(String tag) {
        out.append("</").append(name(tag)).append('>');
        return this;
    }

    /** An element holding escaped text. */
    Html el(String tag, String text, String... attrs) {
        return open(tag, attrs).text(text).close(tag);
    }

    /** An element holding markup. */
    Html el(String tag, Html inner, String... attrs) {
        return open(tag, attrs).add(inner).close(tag);
    }

    /** A link. */
    Html a(String href, String text, String... attrs) {
        String[] all = new String[attrs.length + 2];
        all[0] = "href";
        all[1] = href;
        System.arraycopy(attrs, 0, all, 2, attrs.length);
        return el("a", text, all);
    }

    private static String name(String n) {
        if (!NAME.matcher(n).matches()) {
            throw new IllegalArgumentException("not a tag or attribute name: " + n);
        }
        return n;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
