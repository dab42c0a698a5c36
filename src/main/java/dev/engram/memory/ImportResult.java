package dev.engram.memory;

/** What an import did: records stored, and records skipped because this database already had them or newer. */
public record ImportResult(int applied, int unchanged) {
}
