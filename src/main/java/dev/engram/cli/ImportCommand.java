package dev.engram.cli;

import dev.engram.base.InvalidInputException;
import dev.engram.memory.ImportResult;
import dev.engram.memory.SqliteMemoryStore;
import dev.engram.memory.Transfer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "import", description = "Import a file written by 'engram export'. All of it, or nothing.")
final class ImportCommand extends StoreCommand {
    @Parameters(paramLabel = "FILE")
    Path file;

    @Override
    int run(SqliteMemoryStore store, PrintWriter out) {
        if (!Files.isReadable(file)) {
            throw new InvalidInputException("FILE", "cannot read " + file);
        }
        ImportResult result;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            result = Transfer.importFrom(store, in, file.toString());
        } catch (IOException e) {
            throw new InvalidInputException("FILE", "cannot read " + file + ": " + e.getMessage());
        }
        out.println("Imported " + result.applied() + " records (" + result.unchanged() + " already present)");
        return Cli.OK;
    }
}
