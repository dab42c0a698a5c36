package dev.engram.protocol;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/** The kind of entity a mutation writes: {@code session}, {@code observation} or {@code prompt}. */
public enum MutationEntity {
    SESSION("session"),
    OBSERVATION("observation"),
    PROMPT("prompt");

    private final String wire;

    MutationEntity(String wire) {
        this.wire = wire;
    }

    /** The name on the wire. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The entity with this wire name, or empty. */
    public static Optional<MutationEntity> fromWire(String name) {
        for (MutationEntity e : values()) {
            if (e.wire.equals(name)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
