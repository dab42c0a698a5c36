package dev.engram.cloud;

import dev.engram.protocol.ErrorDetail;
import dev.engram.protocol.SyncProtocol;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The parameters of a pull, validated: {@code since_seq >= 0}, {@code 1 <= limit <= 1000}, {@code 0 <= wait_ms <= 30000}. */
record PullQuery(long sinceSeq, int limit, int waitMs) {

    /** Reads the query parameters through {@code param} (null when absent); every bad one is listed. */
    static PullQuery parse(Function<String, String> param) {
        List<ErrorDetail> problems = new ArrayList<>();
        long since = number(param, SyncProtocol.SINCE_SEQ, 0, 0, Long.MAX_VALUE, problems);
        long limit = number(param, SyncProtocol.LIMIT, SyncProtocol.DEFAULT_PULL_LIMIT, 1, SyncProtocol.MAX_PULL_LIMIT, problems);
        long wait = number(param, SyncProtocol.WAIT_MS, 0, 0, SyncProtocol.MAX_WAIT_MS, problems);
        if (!problems.isEmpty()) {
            throw ApiException.invalid("invalid pull parameters", problems);
        }
        return new PullQuery(since, (int) limit, (int) wait);
    }

    private static long number(Function<String, String> param, String name, long fallback, long min, long max, List<ErrorDetail> problems) {
        String raw = param.apply(name);
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        long value;
        try {
            value = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            problems.add(ErrorDetail.of(name, "must be a whole number, was '" + PushParser.echo(raw) + "'"));
            return fallback;
        }
        if (value < min || value > max) {
            problems.add(ErrorDetail.of(name, "must be between " + min + " and " + max + ", was " + value));
            return fallback;
        }
        return value;
    }
}
