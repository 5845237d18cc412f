package dev.deskloop;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the module directions of docs/architecture.md true: each module names the modules it may use, and
 * the triage core stays free of Spring, JDBC, HTTP and JSON libraries.
 */
class ArchitectureTest {

    private static JavaClasses deskloop;

    @BeforeAll
    static void importClasses() {
        deskloop = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.deskloop");
    }

    @Test
    void platformDependsOnNoOtherModule() {
        onlyUses("platform");
    }

    @Test
    void auditDependsOnlyOnPlatform() {
        onlyUses("audit", "platform");
    }

    @Test
    void helpdeskDependsOnlyOnPlatform() {
        onlyUses("helpdesk", "platform", "audit");
    }

    @Test
    void workspaceDependsOnlyOnPlatformAndAudit() {
        onlyUses("workspace", "platform", "audit");
    }

    @Test
    void connectionUsesHelpdeskButNotTheModulesAboveIt() {
        onlyUses("connection", "platform", "audit", "workspace", "helpdesk");
    }

    @Test
    void ingestUsesConnectionAndHelpdesk() {
        onlyUses("ingest", "platform", "audit", "workspace", "helpdesk", "connection");
    }

    @Test
    void ticketsUseIngestionButNotThePages() {
        onlyUses("tickets", "platform", "audit", "workspace", "helpdesk", "connection", "ingest", "triage");
    }

    @Test
    void writebackUsesTicketsButNotBugs() {
        onlyUses("writeback", "platform", "audit", "workspace", "helpdesk", "connection", "ingest", "tickets", "triage");
    }

    @Test
    void bugsPostThroughTheWriteback() {
        onlyUses("bug", "platform", "audit", "workspace", "helpdesk", "connection", "ingest", "tickets", "writeback",
                "triage");
    }

    @Test
    void nothingDependsOnTheDemo() {
        noClasses().that().resideOutsideOfPackage("dev.deskloop.demo..")
                .and().resideInAPackage("dev.deskloop..")
                .should().dependOnClassesThat().resideInAPackage("dev.deskloop.demo..")
                .allowEmptyShould(true)
                .check(deskloop);
    }

    @Test
    void onlyTheDemoRunsTheSimulators() {
        noClasses().that().resideInAPackage("dev.deskloop..")
                .and().resideOutsideOfPackages("dev.deskloop.demo..", "dev.deskloop.simulator..")
                .should().dependOnClassesThat().resideInAPackage("dev.deskloop.simulator..")
                .check(deskloop);
    }

    @Test
    void nothingButTheDashboardDependsOnTheDashboard() {
        noClasses().that().resideOutsideOfPackage("dev.deskloop.dashboard..")
                .and().resideInAPackage("dev.deskloop..")
                .should().dependOnClassesThat().resideInAPackage("dev.deskloop.dashboard..")
                .allowEmptyShould(true)
                .check(deskloop);
    }

    @Test
    void providerPackagesNeverImportEachOther() {
        noClasses().that().resideInAPackage("dev.deskloop.helpdesk.zendesk..")
                .should().dependOnClassesThat().resideInAPackage("dev.deskloop.helpdesk.intercom..")
                .allowEmptyShould(true)
                .check(deskloop);
        noClasses().that().resideInAPackage("dev.deskloop.helpdesk.intercom..")
                .should().dependOnClassesThat().resideInAPackage("dev.deskloop.helpdesk.zendesk..")
                .allowEmptyShould(true)
                .check(deskloop);
    }

    @Test
    void theTriageCoreIsPlainJava() {
        noClasses().that().resideInAPackage("dev.deskloop.triage..")
                .and().resideOutsideOfPackages("dev.deskloop.triage.json..", "dev.deskloop.triage.cli..",
                        "dev.deskloop.triage.eval..", "dev.deskloop.triage.llm..", "dev.deskloop.triage.bench..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "java.sql..", "javax.sql..", "java.net.http..", "jakarta.servlet..",
                        "tools.jackson..", "com.fasterxml.jackson..", "com.google.gson..", "okhttp3..")
                .check(deskloop);
    }

    @Test
    void theTriageModuleDoesNotDependOnTheService() {
        noClasses().that().resideInAPackage("dev.deskloop.triage..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.deskloop.platform..", "dev.deskloop.workspace..", "dev.deskloop.audit..",
                        "dev.deskloop.helpdesk..", "dev.deskloop.connection..", "dev.deskloop.dashboard..",
                        "dev.deskloop.ingest..", "dev.deskloop.tickets..", "dev.deskloop.demo..")
                .check(deskloop);
    }

    private static void onlyUses(String module, String... allowed) {
        classes().that().resideInAPackage("dev.deskloop." + module + "..")
                .should().onlyDependOnClassesThat(
                        com.tngtech.archunit.base.DescribedPredicate.describe("Java, libraries or " + String.join(", ", allowed),
                                (com.tngtech.archunit.core.domain.JavaClass target) ->
                                        !target.getPackageName().startsWith("dev.deskloop")
                                                || matchesAny(target.getPackageName(), module, allowed)))
                .allowEmptyShould(true)
                .check(deskloop);
    }

    private static boolean matchesAny(String packageName, String module, String... allowed) {
        if (within(packageName, module)) {
            return true;
        }
        for (String other : allowed) {
            if (within(packageName, other)) {
                return true;
            }
        }
        return false;
    }

    private static boolean within(String packageName, String module) {
        String base = "dev.deskloop." + module;
        return packageName.equals(base) || packageName.startsWith(base + ".");
    }
}
