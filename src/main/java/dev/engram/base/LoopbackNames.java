package dev.engram.base;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which host names certainly mean "this machine": {@code localhost}, an IPv4 literal in 127.0.0.0/8
 * written as four decimal numbers, and the IPv6 loopback literal ({@code ::1}, bracketed or not).
 * Never a DNS name: {@code 127.evil.example} or {@code 127.0.0.1.nip.io} resolve wherever their owner
 * likes, and {@code localhost.} (with the root dot) may be sent to a DNS server.
 */
public final class LoopbackNames {
    private static final Pattern DOTTED_QUAD = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
    /** Full and compressed spellings of ::1, e.g. {@code 0:0:0:0:0:0:0:1} or {@code 0::1}. */
    private static final Pattern IPV6_LOOPBACK = Pattern.compile("(0{1,4}:){7}0{0,3}1|((0{1,4}:){0,6}0{1,4})?::(0{1,4}:){0,5}0{0,3}1");

    private LoopbackNames() {
    }

    /** Whether {@code host} (a bare host, without a port) is a loopback name. Looks nothing up. */
    public static boolean isLoopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost")) {
            return true;
        }
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.contains(":")) {
            return IPV6_LOOPBACK.matcher(h).matches();
        }
        if (!DOTTED_QUAD.matcher(h).matches()) {
            return false;
        }
        String[] parts = h.split("\\.");
        for (String part : parts) {
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return parts[0].equals("127");
    }
}
