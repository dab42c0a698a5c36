/**
 * The command line: picocli commands that parse arguments, call the memory store or the other
 * services, and print results to stdout. Commands never log results; errors become exit codes
 * (see {@link dev.engram.cli.Cli}).
 */
package dev.engram.cli;
