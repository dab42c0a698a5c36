/**
 * The command line: picocli commands that parse arguments, call the memory store or the other
 * services, and print results to stdout. Commands never log results; errors become exit codes
 * (see {@link dev.engram.cli.Cli}). Top-level commands are registered by name in a
 * {@link dev.engram.cli.CommandRegistry} and only the one a command line names is built.
 * Commands run no SQL: the packages that own the local tables (memory, sync, autosync) answer
 * through methods.
 */
package dev.engram.cli;
