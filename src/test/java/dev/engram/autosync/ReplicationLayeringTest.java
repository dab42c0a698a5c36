package dev.engram.autosync;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.engram.logging.ComponentLogger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rules inside the replication packages: transport below sync below autosync, one logging listener. */
class ReplicationLayeringTest {
    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.engram");
    }

    @Test
    void transportKnowsNothingOfTheStoreOrTheSyncLayers() {
        noClasses().that().resideInAPackage("dev.engram.transport..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.engram.memory..", "dev.engram.sync..", "dev.engram.autosync..")
                .check(classes);
    }

    @Test
    void theSyncEngineReportsThroughEventsNotLogs() {
        noClasses().that().resideInAPackage("dev.engram.sync..")
                .should().dependOnClassesThat().resideInAPackage("dev.engram.logging..")
                .check(classes);
    }

    @Test
    void onlyTheLoggingListenerWritesAutosyncLogLines() {
        noClasses().that().resideInAPackage("dev.engram.autosync..").and().doNotHaveSimpleName("LoggingAutosyncListener")
                .should().dependOnClassesThat().belongToAnyOf(ComponentLogger.class, org.slf4j.Logger.class)
                .check(classes);
    }
}
