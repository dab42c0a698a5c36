package dev.engram.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The top-level commands of {@code engram}, by name, each built only when it is needed: a command
 * line that names one command builds that command alone (see {@link Cli#commandLine(CommandRegistry, String...)}),
 * so a one-shot command does not pay for reflecting over every other command's options.
 *
 * <p>To add a command: {@code registry.add("name", NameCommand::new)}, where {@code name} is exactly the
 * {@code @Command(name = ...)} of what the supplier returns (a command object or a {@code CommandLine}
 * with its own subcommands). Insertion order is the order {@code engram --help} lists them.
 */
public final class CommandRegistry {
    private final Map<String, Supplier<?>> factories = new LinkedHashMap<>();

    /** Registers {@code name}; the supplier runs only when this command (or the full tree) is built. */
    public CommandRegistry add(String name, Supplier<?> factory) {
        if (factories.putIfAbsent(name, factory) != null) {
            throw new IllegalArgumentException("command '" + name + "' is registered twice");
        }
        return this;
    }

    /** The registered names, in the order {@code --help} lists them. */
    public Set<String> names() {
        return java.util.Collections.unmodifiableSet(factories.keySet());
    }

    boolean contains(String name) {
        return factories.containsKey(name);
    }

    /** A fresh instance of the command registered as {@code name}. */
    Object create(String name) {
        Supplier<?> factory = factories.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("no command named '" + name + "'");
        }
        return factory.get();
    }

    /** Fresh instances of every command, in registration order. */
    public List<Object> createAll() {
        List<Object> all = new ArrayList<>(factories.size());
        factories.keySet().forEach(name -> all.add(create(name)));
        return all;
    }
}
