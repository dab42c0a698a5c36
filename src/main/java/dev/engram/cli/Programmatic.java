package dev.engram.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Range;

/**
 * Picocli models written in code, for the commands on every start's path: the root {@code engram} and the
 * one-shot commands agents run most ({@code search}, {@code hook}). Picocli reads annotations through
 * reflection, and the JDK makes a proxy class per annotation type at run time, which no AOT cache keeps:
 * the root and {@code search} cost about 40 ms of a 140 ms start that way, against about 10 ms built here
 * (measured with {@code -Xlog:class+init}; see docs/benchmarks.md). The other commands keep annotations.
 *
 * <pre>{@code
 * CommandSpec spec = Programmatic.command("search", this, "Search by words ...")
 *         .addOption(Programmatic.option("--limit", "N", "At most N results.", Integer.class, () -> limit, v -> limit = v));
 * }</pre>
 */
final class Programmatic {
    /**
     * The factory of the programmatic commands and of the tree built on them: the collections that multi-value
     * parameters fill (a {@code List} for the words of a search), and picocli's own factory for anything else,
     * only when something asks. Picocli's default factory looks for Groovy when its class initialises; that
     * failed lookup made the main thread open the shaded jar (17,000 entries, about 11 ms) although every class
     * it needs is in the AOT cache.
     */
    static final IFactory FACTORY = new IFactory() {
        @Override
        @SuppressWarnings("unchecked")
        public <K> K create(Class<K> cls) throws Exception {
            if (cls == List.class || cls == Collection.class) {
                return (K) new ArrayList<>();
            }
            if (cls == Set.class) {
                return (K) new LinkedHashSet<>();
            }
            if (cls == Map.class) {
                return (K) new LinkedHashMap<>();
            }
            return CommandLine.defaultFactory().create(cls);
        }
    };

    private Programmatic() {
    }

    /** A command named {@code name} running {@code userObject}, whose fields are bound by the options added to it. */
    static CommandSpec command(String name, Object userObject, String... description) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(userObject, FACTORY).name(name);
        spec.usageMessage().description(description);
        return spec;
    }

    /** {@code -h, --help} and {@code -V, --version}, as picocli's standard help options print them. */
    static CommandSpec standardHelpOptions(CommandSpec spec) {
        spec.addOption(helpOption());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true).description("Print version information and exit.").build());
        return spec;
    }

    /** {@code -h, --help}: prints the command's usage. */
    static OptionSpec helpOption() {
        return OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help message and exit.").build();
    }

    /** An option with one value of {@code type}, read and written through {@code get} and {@code set}. */
    static <T> OptionSpec option(String name, String paramLabel, String description, Class<T> type, Supplier<T> get, Consumer<T> set) {
        return option(name, paramLabel, description, null, type, get, set);
    }

    /** Like {@link #option} with a default value ({@code ${env:NAME}} reads an environment variable). */
    static <T> OptionSpec option(String name, String paramLabel, String description, String defaultValue, Class<T> type,
            Supplier<T> get, Consumer<T> set) {
        return bound(OptionSpec.builder(name).paramLabel(paramLabel).type(type).defaultValue(defaultValue), description, get, set).build();
    }

    /**
     * A path option with a default value. The conversion is ours: picocli's own calls {@code Paths.get} through
     * reflection, which makes the JDK generate method-handle classes at run time (about 5 ms of every start).
     */
    static OptionSpec pathOption(String name, String paramLabel, String description, String defaultValue,
            Supplier<Path> get, Consumer<Path> set) {
        return bound(OptionSpec.builder(name).paramLabel(paramLabel).type(Path.class).converters(Path::of).defaultValue(defaultValue),
                description, get, set).build();
    }

    /** A boolean flag. */
    static OptionSpec flag(String name, String description, Supplier<Boolean> get, Consumer<Boolean> set) {
        return bound(OptionSpec.builder(name).type(boolean.class).arity("0"), description, get, set).build();
    }

    /** A positional parameter holding one string. */
    static PositionalParamSpec positional(String index, String arity, String paramLabel, String description,
            Supplier<String> get, Consumer<String> set) {
        return bound(PositionalParamSpec.builder().index(index).arity(arity).required(Range.valueOf(arity).min() > 0)
                .paramLabel(paramLabel).type(String.class), description, get, set).build();
    }

    /** Positional parameters collected into a list of strings. */
    static PositionalParamSpec positionals(String arity, String paramLabel, String description,
            Supplier<List<String>> get, Consumer<List<String>> set) {
        return bound(PositionalParamSpec.builder().arity(arity).required(Range.valueOf(arity).min() > 0).paramLabel(paramLabel)
                .type(List.class).auxiliaryTypes(String.class), description, get, set).build();
    }

    /**
     * {@code b} with its description (none when null) and bound to a field: its initial value is the field's,
     * and picocli reads and writes it through {@code get} and {@code set}. (Options and positional parameters
     * share a builder class that picocli does not make public: hence two of these.)
     */
    private static <T> OptionSpec.Builder bound(OptionSpec.Builder b, String description, Supplier<T> get, Consumer<T> set) {
        Binding<T> field = new Binding<>(get, set);
        return (description == null ? b : b.description(description)).initialValue(get.get()).getter(field).setter(field);
    }

    private static <T> PositionalParamSpec.Builder bound(PositionalParamSpec.Builder b, String description, Supplier<T> get,
            Consumer<T> set) {
        Binding<T> field = new Binding<>(get, set);
        return (description == null ? b : b.description(description)).initialValue(get.get()).getter(field).setter(field);
    }

    /** A field of a command object, seen by picocli as a getter and a setter (their type parameters are picocli's). */
    private record Binding<T>(Supplier<T> reader, Consumer<T> writer) implements IGetter, ISetter {
        @Override
        @SuppressWarnings("unchecked")
        public <R> R get() {
            return (R) reader.get();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <R> R set(R value) {
            R old = (R) reader.get();
            writer.accept((T) value);
            return old;
        }
    }
}
