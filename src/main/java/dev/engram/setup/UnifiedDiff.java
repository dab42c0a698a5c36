package dev.engram.setup;

import java.util.ArrayList;
import java.util.List;

/** A line-based unified diff (three lines of context) of two texts, for {@code --dry-run}. */
final class UnifiedDiff {
    private static final int CONTEXT = 3;
    private static final long MAX_TABLE = 4_000_000;

    private record Op(char kind, String line) {
    }

    private UnifiedDiff() {
    }

    static String of(String before, String after, String fromLabel, String toLabel) {
        List<Op> ops = ops(lines(before), lines(after));
        StringBuilder out = new StringBuilder("--- " + fromLabel + "\n+++ " + toLabel + "\n");
        int i = 0;
        while (i < ops.size()) {
            if (ops.get(i).kind() == ' ') {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            int lastChange = i;
            while (end < ops.size()) {
                if (ops.get(end).kind() != ' ') {
                    lastChange = end;
                } else if (end - lastChange > 2 * CONTEXT) {
                    break;
                }
                end++;
            }
            end = Math.min(ops.size(), lastChange + CONTEXT + 1);
            hunk(ops, start, end, out);
            i = end;
        }
        return out.toString();
    }

    private static void hunk(List<Op> ops, int start, int end, StringBuilder out) {
        int oldLine = 1;
        int newLine = 1;
        for (int k = 0; k < start; k++) {
            oldLine += ops.get(k).kind() != '+' ? 1 : 0;
            newLine += ops.get(k).kind() != '-' ? 1 : 0;
        }
        int oldCount = 0;
        int newCount = 0;
        for (int k = start; k < end; k++) {
            oldCount += ops.get(k).kind() != '+' ? 1 : 0;
            newCount += ops.get(k).kind() != '-' ? 1 : 0;
        }
        out.append("@@ -").append(oldCount == 0 ? oldLine - 1 : oldLine).append(',').append(oldCount)
                .append(" +").append(newCount == 0 ? newLine - 1 : newLine).append(',').append(newCount).append(" @@\n");
        for (int k = start; k < end; k++) {
            out.append(ops.get(k).kind()).append(ops.get(k).line()).append('\n');
        }
    }

    private static List<Op> ops(List<String> a, List<String> b) {
        int prefix = 0;
        while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.size() - prefix && suffix < b.size() - prefix
                && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
            suffix++;
        }
        List<Op> ops = new ArrayList<>();
        a.subList(0, prefix).forEach(l -> ops.add(new Op(' ', l)));
        middle(a.subList(prefix, a.size() - suffix), b.subList(prefix, b.size() - suffix), ops);
        a.subList(a.size() - suffix, a.size()).forEach(l -> ops.add(new Op(' ', l)));
        return ops;
    }

    /** The longest common subsequence's edit script; beyond {@link #MAX_TABLE} cells, all removed then all added. */
    private static void middle(List<String> a, List<String> b, List<Op> ops) {
        int n = a.size();
        int m = b.size();
        if ((long) (n + 1) * (m + 1) > MAX_TABLE) {
            a.forEach(l -> ops.add(new Op('-', l)));
            b.forEach(l -> ops.add(new Op('+', l)));
            return;
        }
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                ops.add(new Op(' ', a.get(i++)));
                j++;
            } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                ops.add(new Op('-', a.get(i++)));
            } else {
                ops.add(new Op('+', b.get(j++)));
            }
        }
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.getLast().isEmpty()) {
            lines.removeLast();
        }
        return lines;
    }
}
