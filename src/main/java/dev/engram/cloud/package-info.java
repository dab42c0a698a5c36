/**
 * The cloud server ({@code engram cloud serve}): HTTP routes on Javalin, bearer-token
 * authorization per project, push/pull/long-poll of mutations, and their storage in SQLite or
 * PostgreSQL. Public surface: {@link dev.engram.cloud.CloudServer}, {@link dev.engram.cloud.CloudServerConfig},
 * {@link dev.engram.cloud.CloudDatabaseUrl}, {@link dev.engram.cloud.TokenAdmin} and their records.
 * Depends on {@code protocol}, {@code base} and {@code logging} only; never on {@code memory},
 * {@code journal}, {@code sync} or {@code autosync}. Payloads are stored and returned verbatim
 * (byte for byte) and never logged; they are read only to refuse what a replica must never apply
 * (a payload that disagrees with its envelope, absurd values) and to digest them (repeat or conflict).
 */
package dev.engram.cloud;
