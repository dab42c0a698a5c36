package dev.engram.cli;

import dev.engram.base.EngramException;
import dev.engram.base.PrivateFiles;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.memory.Transfer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "export", description = "Write all memory as JSON to FILE (stdout when omitted).")
final class ExportCommand extends StoreCommand {
    @Parameters(arity = "0..1", paramLabel = "FILE")
    Path file;

    @Override
    int run(SqliteMemoryStore store, PrintWriter out) {
        if (file == null) {
            Transfer.export(store, out);
            out.println();
            return Cli.OK;
        }
        // Write beside the target, then move: a failed export never leaves half a file behind.
        Path target = file.toAbsolutePath();
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        // An export holds all of the user's memory: readable by the owner alone (0600), from its first byte.
        try {
            Files.deleteIfExists(partial);
            PrivateFiles.createFile(partial);
        } catch (IOException e) {
            throw new EngramException("cannot write " + file + ": " + e.getMessage(), e);
        }
        try (Writer w = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            Transfer.export(store, w);
        } catch (IOException e) {
            throw new EngramException("cannot write " + file + ": " + e.getMessage(), e);
        }
        try {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new EngramException("cannot write " + file + ": " + e.getMessage(), e);
        }
        Notices.of(spec.commandLine()).info("exported", "exported to " + file, "file", file.toString());
        return Cli.OK;
    }
}
