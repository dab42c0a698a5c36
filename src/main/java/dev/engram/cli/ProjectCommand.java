package dev.engram.cli;

import dev.engram.project.ProjectResolver;
import dev.engram.project.ResolvedProject;
import dev.engram.view.Views;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code engram project [--json]}: which project applies here, and which rule chose it. Opens no database. */
@Command(name = "project", mixinStandardHelpOptions = true, description = "Show the project that applies in this directory and which rule chose it.")
final class ProjectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--project", paramLabel = "P", description = "An explicit project (the first rule).")
    String project;

    @Option(names = "--json", description = "Print {project, rule, source, notes} as JSON.")
    boolean json;

    @Override
    public Integer call() {
        ResolvedProject r = ProjectResolver.fromEnvironment().resolve(project, Path.of(""));
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(CliJson.print(Views.resolvedProject(r)));
        } else {
            out.println(r.project());
            Notices notices = Notices.of(spec.commandLine());
            notices.info("project resolved", "rule " + r.rule().wire() + ": " + r.source(), "rule", r.rule().wire(), "source", r.source());
            r.notes().forEach(note -> notices.warn("project rule skipped", note, "note", note));
        }
        return Cli.OK;
    }
}
