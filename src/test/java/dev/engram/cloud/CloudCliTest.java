package dev.engram.cloud;

import static dev.engram.cloud.Mutations.body;
import static dev.engram.cloud.Mutations.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.cli.Cli;
import dev.engram.cli.CloudCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code engram cloud token ...} on a real database, and its tokens used against a real server. */
class CloudCliTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        CommandLine cl = Cli.commandLine(List.of(new CloudCommand()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private String db() {
        return dir.resolve("cloud.db").toString();
    }

    @Test
    void cloudListsServeTokenAndAnyClientCommandsAddedNextToThem() {
        @CommandLine.Command(name = "enroll")
        class Enroll implements Runnable {
            @Override
            public void run() {
            }
        }
        CommandLine cl = Cli.commandLine(List.of(CloudCommand.withClientCommands(List.of(new Enroll()))));
        assertThat(cl.getSubcommands().get("cloud").getSubcommands()).containsKeys("serve", "token", "enroll");
        assertThat(cl.getSubcommands().get("cloud").getSubcommands().get("token").getSubcommands()).containsKeys("create", "list", "revoke");
    }

    @Test
    void tokenCreatePrintsTheTokenAloneOnStdout() {
        Run r = run("cloud", "token", "create", "--db", db(), "--name", "laptop", "--project", "Alpha", "--project", "beta");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).matches("egr_[A-Za-z0-9_-]{43}\\R");
    }

    @Test
    void badTokenArgumentsExitTwoNamingTheArgument() {
        run("cloud", "token", "create", "--db", db(), "--name", "laptop", "--project", "a");
        Run duplicate = run("cloud", "token", "create", "--db", db(), "--name", "laptop", "--project", "a");
        assertThat(duplicate.exit()).isEqualTo(2);
        assertThat(duplicate.err()).contains("--name").contains("laptop");
        assertThat(duplicate.out()).isEmpty();

        Run blank = run("cloud", "token", "create", "--db", db(), "--name", " ", "--project", "a");
        assertThat(blank.exit()).isEqualTo(2);
        assertThat(blank.err()).contains("--name");

        Run noProject = run("cloud", "token", "create", "--db", db(), "--name", "x");
        assertThat(noProject.exit()).isEqualTo(2);
        assertThat(noProject.err()).contains("--project");

        Run blankProject = run("cloud", "token", "create", "--db", db(), "--name", "y", "--project", "  ");
        assertThat(blankProject.exit()).isEqualTo(2);
        assertThat(blankProject.err()).contains("--project");

        Run unknown = run("cloud", "token", "revoke", "--db", db(), "nobody");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("nobody");
    }

    @Test
    void tokenListShowsNamesProjectsAndRevocationButNeverTheToken() {
        String token = run("cloud", "token", "create", "--db", db(), "--name", "laptop", "--project", "My--Proj").out().strip();
        run("cloud", "token", "create", "--db", db(), "--name", "ci", "--project", "a");
        assertThat(run("cloud", "token", "revoke", "--db", db(), "ci").out()).isEqualTo("revoked ci" + System.lineSeparator());

        Run list = run("cloud", "token", "list", "--db", db());
        assertThat(list.exit()).isZero();
        assertThat(list.out()).contains("laptop").contains("my-proj").contains("ci").doesNotContain(token).doesNotContain(Tokens.hash(token));
        Run json = run("cloud", "token", "list", "--db", db(), "--json");
        assertThat(json.out()).contains("\"name\":\"laptop\"").contains("\"projects\":[\"my-proj\"]").contains("\"revoked_at\":null")
                .doesNotContain(token);
    }

    @Test
    void aTokenCreatedByTheCliWorksOnARunningServerUntilRevoked() {
        try (CloudServer server = CloudServer.start(CloudServerConfig.defaults().withPort(0).withDatabase(CloudDatabaseUrl.parse("--db", db())))) {
            String token = run("cloud", "token", "create", "--db", db(), "--name", "laptop", "--project", "alpha").out().strip();
            CloudHttp http = new CloudHttp(server.baseUri());
            assertThat(http.push(token, body(entry("c:1", "alpha"))).status()).isEqualTo(200);
            run("cloud", "token", "revoke", "--db", db(), "laptop");
            assertThat(http.pull(token, "").status()).isEqualTo(401);
        }
    }

    @Test
    void theStaticTokenServesItsAllowedProjectsOnly() {
        StaticToken quickStart = new StaticToken("quick-start-token-0123456789", List.of("Alpha"));
        try (CloudServer server = CloudServer.start(CloudServerConfig.defaults().withPort(0).withStaticToken(quickStart)
                .withDatabase(CloudDatabaseUrl.parse("--db", db())))) {
            CloudHttp http = new CloudHttp(server.baseUri());
            assertThat(http.push(quickStart.token(), body(entry("s:1", "alpha"))).status()).isEqualTo(200);
            assertThat(http.push(quickStart.token(), body(entry("s:2", "beta"))).status()).isEqualTo(403);
            assertThat(http.pull(quickStart.token() + "x", "").status()).isEqualTo(401);
        }
    }
}
