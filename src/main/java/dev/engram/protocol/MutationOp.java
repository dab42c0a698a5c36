package dev.engram.protocol;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/** What a mutation does to its entity: {@code upsert} (the payload is the full entity) or {@code delete} (a tombstone). */
public enum MutationOp {
    UPSERT("upsert"),
    DELETE("delete");

    private final String wire;

    MutationOp(String wire) {
        this.wire = wire;
    }

    /** The name on the wire. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The op with this wire name, or empty. */
    public static Optional<MutationOp> fromWire(String name) {
        for (MutationOp op : values()) {
            if (op.wire.equals(name)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }
}
