package dev.engram.cli;

/** Marks a command that runs until stopped ({@code serve}, {@code mcp}, {@code cloud serve}): it logs at INFO by default. */
public interface LongRunning {
}
