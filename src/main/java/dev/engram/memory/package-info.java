/**
 * The local memory: domain records, the SQLite store ({@link dev.engram.memory.SqliteMemoryStore}),
 * schema migrations, full-text search, the convergence rule for replicated records, export and import,
 * context within a byte budget ({@link dev.engram.memory.ContextBudget}), project counts and merges
 * ({@link dev.engram.memory.ProjectMerge}),
 * and the replication journal (the outbox table, written in the same transaction as each write of an
 * enrolled project). Every way in (local writes, import, pulled mutations) is held to the value ranges
 * of {@link dev.engram.base.Limits} and redacts {@code <private>} spans before anything is written.
 * Depends on {@code base} and {@code logging} only.
 */
package dev.engram.memory;
