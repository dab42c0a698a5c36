package dev.engram.api;

import dev.engram.base.InvalidInputException;
import io.javalin.http.Context;
import java.util.Locale;

/** Query and path parameters parsed strictly: a malformed number or boolean is a 400 naming the parameter. */
final class Params {
    private Params() {
    }

    static String text(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null || v.isBlank() ? null : v;
    }

    static String requiredText(Context ctx, String name) {
        String v = text(ctx, name);
        if (v == null) {
            throw new InvalidInputException(name, name + " must not be blank");
        }
        return v;
    }

    static Integer integer(Context ctx, String name) {
        String v = text(ctx, name);
        if (v == null) {
            return null;
        }
        try {
            return Integer.valueOf(v.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name, name + " must be an integer, was '" + v + "'");
        }
    }

    static long requiredLong(Context ctx, String name) {
        return parseId(name, requiredText(ctx, name));
    }

    static long pathId(Context ctx, String name) {
        return parseId(name, ctx.pathParam(name));
    }

    static boolean bool(Context ctx, String name) {
        String v = text(ctx, name);
        if (v == null) {
            return false;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new InvalidInputException(name, name + " must be true or false, was '" + v + "'");
        };
    }

    private static long parseId(String name, String v) {
        try {
            long id = Long.parseLong(v.trim());
            if (id <= 0) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name, name + " must be a positive integer, was '" + v + "'");
        }
    }
}
