package dev.engram.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency direction of style.md: base <- logging <- memory <- sync <- autosync, and memory <- semantic
 * (read by the front doors only); the cloud
 * server never reaches into the client side; only the composition root (app) sees everything.
 */
class ArchitectureTest {
    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.engram");
    }

    @Test
    void baseDependsOnNothingElseOfEngram() {
        noClasses().that().resideInAPackage("dev.engram.base..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.engram.logging..", "dev.engram.memory..", "dev.engram.sync..",
                        "dev.engram.autosync..", "dev.engram.cloud..", "dev.engram.protocol..", "dev.engram.transport..",
                        "dev.engram.api..", "dev.engram.mcp..", "dev.engram.cli..", "dev.engram.app..", "dev.engram.setup..", "dev.engram.semantic..")
                .check(classes);
    }

    @Test
    void loggingDependsOnlyOnBase() {
        noClasses().that().resideInAPackage("dev.engram.logging..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.engram.memory..", "dev.engram.sync..", "dev.engram.autosync..",
                        "dev.engram.cloud..", "dev.engram.protocol..", "dev.engram.transport..", "dev.engram.api..", "dev.engram.mcp..",
                        "dev.engram.cli..", "dev.engram.app..", "dev.engram.semantic..")
                .check(classes);
    }

    @Test
    void memoryKnowsNothingOfReplicationOrFrontDoors() {
        noClasses().that().resideInAPackage("dev.engram.memory..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.engram.sync..", "dev.engram.autosync..", "dev.engram.transport..",
                        "dev.engram.cloud..", "dev.engram.protocol..", "dev.engram.api..", "dev.engram.mcp..", "dev.engram.cli..",
                        "dev.engram.app..", "dev.engram.semantic..")
                .check(classes);
    }

    @Test
    void semanticSearchSitsOnTheMemoryAndKnowsNoReplicationNorFrontDoor() {
        noClasses().that().resideInAPackage("dev.engram.semantic..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.engram.sync..", "dev.engram.autosync..", "dev.engram.transport..",
                        "dev.engram.cloud..", "dev.engram.protocol..", "dev.engram.api..", "dev.engram.mcp..", "dev.engram.cli..",
                        "dev.engram.view..", "dev.engram.app..")
                .check(classes);
    }

    @Test
    void theReplicationSideNeverTouchesTheSemanticIndex() {
        noClasses().that().resideInAnyPackage("dev.engram.sync..", "dev.engram.autosync..", "dev.engram.transport..",
                        "dev.engram.cloud..", "dev.engram.protocol..")
                .should().dependOnClassesThat().resideInAPackage("dev.engram.semantic..")
                .check(classes);
    }

    /**
     * Project identity is read by every front door and by {@code engram hook}, a fresh process at every
     * agent session start: it knows only base and memory, and stays off Jackson databind and HTTP.
     */
    @Test
    void projectIdentityDependsOnlyOnBaseAndMemoryAndStaysLight() {
        noClasses().that().resideInAPackage("dev.engram.project..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.engram.logging..", "dev.engram.sync..", "dev.engram.autosync..",
                        "dev.engram.cloud..", "dev.engram.protocol..", "dev.engram.transport..", "dev.engram.api..", "dev.engram.mcp..",
                        "dev.engram.cli..", "dev.engram.app..", "dev.engram.view..", "tools.jackson.databind..", "io.javalin..",
                        "java.net.http..", "io.modelcontextprotocol..")
                .check(classes);
    }

    @Test
    void syncDoesNotDependOnTheManagerOrFrontDoors() {
        noClasses().that().resideInAPackage("dev.engram.sync..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.engram.autosync..", "dev.engram.cloud..", "dev.engram.api..",
                        "dev.engram.mcp..", "dev.engram.cli..", "dev.engram.app..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void cloudServerNeverReachesIntoTheClientSide() {
        noClasses().that().resideInAnyPackage("dev.engram.cloud..", "dev.engram.protocol..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.engram.memory..", "dev.engram.sync..", "dev.engram.autosync..",
                        "dev.engram.transport..", "dev.engram.api..", "dev.engram.mcp..", "dev.engram.app..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void frontDoorsShowStatusButNeverCallTheTransport() {
        noClasses().that().resideInAnyPackage("dev.engram.api..", "dev.engram.mcp..", "dev.engram.cli..", "dev.engram.web..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.engram.transport..")
                .allowEmptyShould(true)
                .check(classes);
    }

    /** The web UI is a front door for people: the API hosts it without knowing it, and it knows no other front door. */
    @Test
    void theWebUiIsALeafFrontDoor() {
        noClasses().that().resideInAnyPackage("dev.engram.web..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.engram.api..", "dev.engram.mcp..", "dev.engram.cli..",
                        "dev.engram.cloud..", "dev.engram.protocol..")
                .check(classes);
        noClasses().that().resideInAnyPackage("dev.engram.api..", "dev.engram.mcp..", "dev.engram.memory..", "dev.engram.sync..",
                        "dev.engram.autosync..", "dev.engram.view..")
                .should().dependOnClassesThat().resideInAPackage("dev.engram.web..")
                .check(classes);
    }

    /** Setup edits agents' files only: it never opens the memory store, replication or another front door. */
    @Test
    void setupDependsOnlyOnBase() {
        noClasses().that().resideInAPackage("dev.engram.setup..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.engram.logging..", "dev.engram.memory..", "dev.engram.sync..",
                        "dev.engram.autosync..", "dev.engram.cloud..", "dev.engram.protocol..", "dev.engram.transport..",
                        "dev.engram.api..", "dev.engram.mcp..", "dev.engram.cli..", "dev.engram.app..", "dev.engram.config..",
                        "dev.engram.view..", "dev.engram.metrics..")
                .check(classes);
    }

    @Test
    void onlyTheCompositionRootSeesTheCompositionRoot() {
        noClasses().that().resideOutsideOfPackage("dev.engram.app..")
                .should().dependOnClassesThat().resideInAPackage("dev.engram.app..")
                .check(classes);
    }

    /**
     * One owner per local table: raw SQL ({@code dev.engram.memory.Sql}) is written only by the packages
     * whose classes own the local tables: memory (memories, enrollment, journal, meta), sync (lease,
     * cursor, dead letters) and autosync (status). Front doors and the composition root ask them.
     */
    @Test
    void onlyTheOwnersOfLocalTablesRunRawSql() {
        DescribedPredicate<JavaClass> sql = DescribedPredicate.describe("are dev.engram.memory.Sql or its nested types",
                c -> c.getName().equals("dev.engram.memory.Sql") || c.getName().startsWith("dev.engram.memory.Sql$"));
        noClasses().that().resideOutsideOfPackages("dev.engram.memory", "dev.engram.sync", "dev.engram.autosync")
                .should().dependOnClassesThat(sql)
                .check(classes);
    }
}
