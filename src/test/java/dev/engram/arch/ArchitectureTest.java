package dev.engram.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

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
                        "dev.engram.api..", "dev.engram.mcp..", "dev.engram.cli..", "dev.engram.app..", "dev.engram.semantic..")
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
        noClasses().that().resideInAnyPackage("dev.engram.api..", "dev.engram.mcp..", "dev.engram.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.engram.transport..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void onlyTheCompositionRootSeesTheCompositionRoot() {
        noClasses().that().resideOutsideOfPackage("dev.engram.app..")
                .should().dependOnClassesThat().resideInAPackage("dev.engram.app..")
                .check(classes);
    }
}
