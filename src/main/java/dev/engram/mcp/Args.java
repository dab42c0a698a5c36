package dev.engram.mcp;

import dev.engram.base.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The arguments of one tool call, read strictly: a value of the wrong type, an unknown argument or a
 * missing required one is an {@link InvalidInputException} naming it, which the server returns as an
 * MCP error result. Unknown and missing arguments are checked before the tool runs, and the error
 * names every one of them, so an agent can fix its call in one go.
 * Integers may arrive as JSON numbers or as digit strings (some clients stringify everything).
 */
final class Args {
    private final Map<String, Object> values;

    private Args(Map<String, Object> values) {
        this.values = values;
    }

    static Args of(Map<String, Object> arguments, Schema schema) {
        Map<String, Object> values = arguments == null ? Map.of() : arguments;
        Set<String> accepted = schema.names();
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(accepted);
        if (!unknown.isEmpty()) {
            String names = String.join("', '", unknown);
            throw new InvalidInputException(unknown.iterator().next(), (unknown.size() == 1 ? "unknown argument '" : "unknown arguments '")
                    + names + "'; accepted arguments are " + new TreeSet<>(accepted));
        }
        List<String> problems = new ArrayList<>();
        String first = null;
        for (Map.Entry<String, String> required : schema.requiredArguments().entrySet()) {
            String name = required.getKey();
            Object v = values.get(name);
            String problem = v == null ? name + " is required"
                    : v instanceof String s && s.isBlank() ? name + " must not be blank"
                    : null;
            if (problem != null) {
                problems.add(required.getValue().isEmpty() ? problem : problem + " (" + required.getValue() + ")");
                first = first == null ? name : first;
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(first, String.join("; ", problems));
        }
        return new Args(values);
    }

    boolean has(String name) {
        return values.get(name) != null;
    }

    /** A string argument, or null when absent. */
    String text(String name) {
        Object v = values.get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw new InvalidInputException(name, name + " must be a string, was " + describe(v));
        }
        return s;
    }

    String requiredText(String name) {
        String v = text(name);
        if (v == null || v.isBlank()) {
            throw new InvalidInputException(name, name + " must not be blank");
        }
        return v;
    }

    Integer integer(String name) {
        Object v = values.get(name);
        if (v == null) {
            return null;
        }
        long n = wholeNumber(name, v);
        if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
            throw new InvalidInputException(name, name + " is out of range: " + n);
        }
        return (int) n;
    }

    long requiredId(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new InvalidInputException(name, name + " is required");
        }
        long id = wholeNumber(name, v);
        if (id <= 0) {
            throw new InvalidInputException(name, name + " must be a positive integer, was " + id);
        }
        return id;
    }

    boolean bool(String name) {
        Object v = values.get(name);
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s);
        }
        throw new InvalidInputException(name, name + " must be a boolean, was " + describe(v));
    }

    private static long wholeNumber(String name, Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && !Double.isInfinite(d)) {
                return (long) d;
            }
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
        }
        throw new InvalidInputException(name, name + " must be an integer, was " + describe(v));
    }

    private static String describe(Object v) {
        if (v instanceof String s) {
            return "'" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "'";
        }
        if (v instanceof Map<?, ?>) {
            return "an object";
        }
        if (v instanceof java.util.List<?>) {
            return "an array";
        }
        return String.valueOf(v);
    }
}
