package dev.engram.memory;

import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * A {@link SecureRandom} created on first use. Seeding one loads the security providers (about 10 ms
 * of a one-shot command's start-up), and a store opened only to read never draws a random number.
 */
final class LazySecureRandom implements RandomGenerator {
    private SecureRandom random;

    private synchronized SecureRandom random() {
        if (random == null) {
            random = new SecureRandom();
        }
        return random;
    }

    @Override
    public long nextLong() {
        return random().nextLong();
    }

    @Override
    public void nextBytes(byte[] bytes) {
        random().nextBytes(bytes);
    }
}
