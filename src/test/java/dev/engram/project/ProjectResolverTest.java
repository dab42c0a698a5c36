package dev.engram.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.base.InvalidInputException;
import dev.engram.project.ResolvedProject.Rule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The resolver on real git repositories made with the git binary in a temp dir, and without any git. */
class ProjectResolverTest {
    @TempDir
    Path dir;

    private final ProjectResolver resolver = new ProjectResolver(Map.of());

    private static void git(Path in, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "init.defaultBranch=main"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(in.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("git %s: %s", String.join(" ", args), out).isZero();
    }

    private Path repo(String name, String origin) throws Exception {
        Path r = Files.createDirectories(dir.resolve(name));
        git(r, "init", "-q");
        if (origin != null) {
            git(r, "remote", "add", "origin", origin);
        }
        return r;
    }

    @ParameterizedTest
    @CsvSource({
            "git@github.com:org/My-App.git, my-app",
            "https://github.com/org/my-app, my-app",
            "https://github.com/org/my-app.git, my-app",
            "https://github.com/org/my-app/, my-app",
            "ssh://git@host.example:2222/org/My-App.git, my-app",
            "ssh://host.example/srv/repos/my-app, my-app",
            "/srv/git/my-app.git, my-app"})
    void originRemoteNamesTheProjectWhateverTheUrlForm(String url, String expected) throws Exception {
        Path r = repo("checkout-dir", url);
        Path sub = Files.createDirectories(r.resolve("src/main"));

        ResolvedProject p = resolver.resolve(null, sub);

        assertThat(p.project()).isEqualTo(expected);
        assertThat(p.rule()).isEqualTo(Rule.GIT_REMOTE);
        assertThat(p.source()).isEqualTo(url);
    }

    @Test
    void sshAndHttpsRemotesOfTheSameRepositoryGiveTheSameProject() throws Exception {
        Path a = repo("a", "git@host:org/My-App.git");
        Path b = repo("b", "https://host/org/my-app");
        assertThat(resolver.resolve(null, a).project()).isEqualTo(resolver.resolve(null, b).project()).isEqualTo("my-app");
    }

    @Test
    void aRepositoryWithoutOriginIsNamedByItsTopLevelDirectory() throws Exception {
        Path r = repo("Top_Level", null);
        git(r, "remote", "add", "upstream", "git@host:org/other.git");
        Path sub = Files.createDirectories(r.resolve("deep/er"));

        ResolvedProject p = resolver.resolve(null, sub);

        assertThat(p.project()).isEqualTo("top_level");
        assertThat(p.rule()).isEqualTo(Rule.GIT_TOPLEVEL);
        assertThat(p.source()).isEqualTo(r.toString());
    }

    @Test
    void aLinkedWorktreeReadsOriginThroughItsGitFileAndCommondir() throws Exception {
        Path main = repo("main-checkout", "git@host:org/Shared-Repo.git");
        Files.writeString(main.resolve("f.txt"), "x");
        git(main, "add", "f.txt");
        git(main, "commit", "-q", "-m", "one");
        Path linked = dir.resolve("elsewhere/feature-x");
        git(main, "worktree", "add", "-q", "-b", "feature", linked.toString());
        assertThat(linked.resolve(".git")).isRegularFile();

        ResolvedProject p = resolver.resolve(null, linked);

        assertThat(p.project()).isEqualTo("shared-repo");
        assertThat(p.rule()).isEqualTo(Rule.GIT_REMOTE);
    }

    @Test
    void aGitFilePointingNowhereFallsBackToTheTopLevelNameWithANote() throws Exception {
        Path r = Files.createDirectories(dir.resolve("broken-link"));
        Files.writeString(r.resolve(".git"), "gitdir: ../does/not/exist\n");

        ResolvedProject p = resolver.resolve(null, r);

        assertThat(p.project()).isEqualTo("broken-link");
        assertThat(p.rule()).isEqualTo(Rule.GIT_TOPLEVEL);
        assertThat(p.notes()).singleElement().asString().contains("does not exist");
    }

    @Test
    void withoutAnyGitTheDirectoryNameApplies() throws Exception {
        Path plain = Files.createDirectories(dir.resolve("Plain Dir"));

        ResolvedProject p = resolver.resolve(null, plain);

        assertThat(p.project()).isEqualTo("plain dir");
        assertThat(p.rule()).isEqualTo(Rule.DIRECTORY);
        assertThat(p.notes()).isEmpty();
    }

    @Test
    void aMalformedGitConfigNeverFailsTheResolver() throws Exception {
        Path r = Files.createDirectories(dir.resolve("weird/.git"));
        Files.write(r.resolve("config"), new byte[] {'[', 'r', 0, (byte) 0xff, '\n', '=', '=', '\n', '[', 'r', 'e', 'm'});

        ResolvedProject p = resolver.resolve(null, dir.resolve("weird"));

        assertThat(p.project()).isEqualTo("weird");
        assertThat(p.rule()).isEqualTo(Rule.GIT_TOPLEVEL);
    }

    @Test
    void configFileInAParentWinsOverGit() throws Exception {
        Path r = repo("repo", "git@host:org/from-git.git");
        Files.createDirectories(dir.resolve(".engram"));
        Path config = Files.writeString(dir.resolve(".engram/config.json"), "{\"project\": \"  Team__Memory \", \"other\": [1, {}]}");

        ResolvedProject p = resolver.resolve(null, r);

        assertThat(p.project()).isEqualTo("team_memory");
        assertThat(p.rule()).isEqualTo(Rule.CONFIG_FILE);
        assertThat(p.source()).isEqualTo(config.toString());
    }

    @Test
    void aMalformedConfigFileIsANoteAndTheNextRuleApplies() throws Exception {
        Path r = repo("repo", "https://host/org/next-rule.git");
        Files.createDirectories(r.resolve(".engram"));
        Files.writeString(r.resolve(".engram/config.json"), "{\"project\": ");

        ResolvedProject p = resolver.resolve(null, r);

        assertThat(p.project()).isEqualTo("next-rule");
        assertThat(p.rule()).isEqualTo(Rule.GIT_REMOTE);
        assertThat(p.notes()).singleElement().asString().contains("config.json").contains("malformed JSON");
    }

    @Test
    void aConfigFileWithoutAProjectStringIsANote() throws Exception {
        Path plain = Files.createDirectories(dir.resolve("plain"));
        Files.createDirectories(plain.resolve(".engram"));
        Files.writeString(plain.resolve(".engram/config.json"), "{\"project\": 42}");

        ResolvedProject p = resolver.resolve(null, plain);

        assertThat(p.rule()).isEqualTo(Rule.DIRECTORY);
        assertThat(p.notes()).singleElement().asString().contains("no \"project\" string");
    }

    @Test
    void explicitArgumentBeatsEnvironmentWhichBeatsEverythingElse() throws Exception {
        Path r = repo("repo", "git@host:org/from-git.git");
        ProjectResolver withEnv = new ProjectResolver(Map.of("ENGRAM_PROJECT", "From-Env"));

        assertThat(withEnv.resolve("Given", r)).extracting(ResolvedProject::project, ResolvedProject::rule)
                .containsExactly("given", Rule.ARGUMENT);
        assertThat(withEnv.resolve(null, r)).extracting(ResolvedProject::project, ResolvedProject::rule)
                .containsExactly("from-env", Rule.ENVIRONMENT);
        assertThat(withEnv.resolve("  ", r).rule()).isEqualTo(Rule.ENVIRONMENT);
    }

    @Test
    void anExplicitProjectThatIsNotAValidNameIsRefusedNamingIt() {
        assertThatThrownBy(() -> resolver.resolve("a\0b", dir)).isInstanceOf(InvalidInputException.class).hasMessageContaining("project");
        assertThatThrownBy(() -> new ProjectResolver(Map.of("ENGRAM_PROJECT", "x".repeat(300))).resolve(null, dir))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("ENGRAM_PROJECT");
    }

    @Test
    void gitConfigParsingHandlesQuotesCommentsAndOtherRemotes() {
        String config = """
                [core]
                \turl = not-this
                [remote "upstream"]
                \turl = git@host:org/upstream.git
                ; comment
                [remote "origin"]
                \t# a comment
                \tfetch = +refs/heads/*:refs/remotes/origin/*
                \tURL = "git@host:org/Quoted Repo.git" ; trailing
                """;
        assertThat(GitRepository.originUrl(config)).isEqualTo("git@host:org/Quoted Repo.git");
        assertThat(GitRepository.originUrl("[remote.origin]\nurl=https://h/o/old-style")).isEqualTo("https://h/o/old-style");
        assertThat(GitRepository.originUrl("")).isNull();
    }

    @Test
    void remoteNamesWithoutAUsableLastSegmentGiveNothing() {
        assertThat(RemoteNames.repositoryName("https://host/")).isNull();
        assertThat(RemoteNames.repositoryName("")).isNull();
        assertThat(RemoteNames.repositoryName(".git")).isNull();
        assertThat(RemoteNames.repositoryName("git@host:")).isNull();
    }
}
