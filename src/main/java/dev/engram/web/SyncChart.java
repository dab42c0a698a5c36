package dev.engram.web;

import dev.engram.autosync.SyncHistory;
import java.util.List;

/**
 * The last hour of sync as an inline SVG bar chart (no script): per minute, mutations pushed and pulled
 * as two bars, failed cycles as a mark on the baseline. Colours come from the stylesheet (classes), the
 * numbers from a text summary beside it and a tooltip per minute.
 */
final class SyncChart {
    private static final int WIDTH = 600;
    private static final int HEIGHT = 120;
    private static final int BASE = 104;

    private SyncChart() {
    }

    static Html render(List<SyncHistory.Minute> minutes) {
        long max = 1;
        long pushed = 0;
        long pulled = 0;
        long failures = 0;
        for (SyncHistory.Minute m : minutes) {
            max = Math.max(max, Math.max(m.pushed(), m.pulled()));
            pushed += m.pushed();
            pulled += m.pulled();
            failures += m.failures();
        }
        String summary = "Last hour in this process: " + Texts.plural(pushed, "change", "changes") + " pushed, "
                + pulled + " pulled, " + Texts.plural(failures, "failed attempt", "failed attempts") + ".";
        Html h = Html.of().el("p", summary, "id", "chart-summary");
        h.open("svg", "class", "chart", "viewbox", "0 0 " + WIDTH + " " + HEIGHT, "role", "img", "aria-labelledby", "chart-summary",
                "xmlns", "http://www.w3.org/2000/svg", "preserveaspectratio", "none");
        double slot = (double) WIDTH / minutes.size();
        double bar = Math.max(1, slot / 2 - 1);
        for (int i = 0; i < minutes.size(); i++) {
            SyncHistory.Minute m = minutes.get(i);
            double x = i * slot;
            h.open("g").el("title", Texts.when(m.start()) + ": " + m.pushed() + " pushed, " + m.pulled() + " pulled, "
                    + m.failures() + " failed");
            h.add(rect("pushed", x, m.pushed(), max, bar)).add(rect("pulled", x + bar, m.pulled(), max, bar));
            if (m.failures() > 0) {
                h.open("rect", "class", "failed", "x", num(x), "y", Integer.toString(BASE + 4), "width", num(2 * bar),
                        "height", "12").close("rect");
            }
            h.close("g");
        }
        h.open("line", "class", "axis", "x1", "0", "y1", Integer.toString(BASE), "x2", Integer.toString(WIDTH),
                "y2", Integer.toString(BASE)).close("line");
        h.close("svg");
        h.open("p", "class", "legend").el("span", "pushed", "class", "key pushed").text(" ").el("span", "pulled", "class", "key pulled")
                .text(" ").el("span", "failed", "class", "key failed").text(" · 60 minutes, oldest on the left").close("p");
        return h;
    }

    private static Html rect(String kind, double x, long count, long max, double width) {
        if (count == 0) {
            return Html.of();
        }
        double height = Math.max(2, (BASE - 4) * (double) count / max);
        return Html.of().open("rect", "class", kind, "x", num(x), "y", num(BASE - height), "width", num(width), "height", num(height))
                .close("rect");
    }

    private static String num(double d) {
        return String.format(java.util.Locale.ROOT, "%.1f", d);
    }
}
