package dev.engram.memory;

/**
 * The version of one write: a hybrid logical clock (wall milliseconds and a counter) with the origin
 * replica as tie-break. The encoded form sorts as the versions do, so SQL can compare it as text:
 * {@code 0192f3a4b5c6.0000.r-9f2c...}.
 */
public record Version(long millis, int counter, String replica) implements Comparable<Version> {
    private static final int MAX_COUNTER = 0xffff;

    public String encode() {
        return String.format("%012x.%04x.%s", millis, counter, replica);
    }

    public static Version decode(String text) {
        String[] parts = text.split("\\.", 3);
        if (parts.length != 3 || parts[0].length() != 12 || parts[1].length() != 4 || parts[2].isEmpty()) {
            throw new IllegalArgumentException("not a version: " + text);
        }
        return new Version(Long.parseLong(parts[0], 16), Integer.parseInt(parts[1], 16), parts[2]);
    }

    /**
     * The next local version after {@code last} (the newest version this replica has issued or seen)
     * at wall time {@code now}: later than both, whatever the wall clock does.
     */
    public static Version next(Version last, long now, String replica) {
        if (last == null || now > last.millis) {
            return new Version(now, 0, replica);
        }
        if (last.counter < MAX_COUNTER) {
            return new Version(last.millis, last.counter + 1, replica);
        }
        return new Version(last.millis + 1, 0, replica);
    }

    @Override
    public int compareTo(Version o) {
        return encode().compareTo(o.encode());
    }
}
