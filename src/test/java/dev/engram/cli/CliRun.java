package dev.engram.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/** Runs one command line in-process and keeps what it printed. */
record CliRun(int exitCode, String out, String err) {
    static CliRun of(List<Object> commands, String... args) {
        CommandLine cl = Cli.commandLine(commands);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
