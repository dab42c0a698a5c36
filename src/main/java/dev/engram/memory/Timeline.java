package dev.engram.memory;

import java.util.List;

/** Observations of the same session around {@code focus}, each list in time order. */
public record Timeline(Observation focus, List<Observation> before, List<Observation> after) {
}
