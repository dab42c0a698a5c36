package dev.engram.cloud;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The digest that tells a repeated push from a conflicting one: SHA-256 of the payload text (UTF-8)
 * exactly as stored, in lower-case hex. PostgreSQL's migration computes the same value with
 * {@code encode(sha256(convert_to(payload, 'UTF8')), 'hex')}.
 */
final class PayloadDigest {
    private PayloadDigest() {
    }

    static String of(String payloadJson) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(payloadJson.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
