package cn.resettle.e2e;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layering the new domains copy (no servers; reads the compiled classes of every module):
 * <ul>
 *   <li>{@code common} (the platform every service needs) depends on no service and not on {@code tasks};</li>
 *   <li>{@code tasks} (what only the task-owning services need) depends on no service;</li>
 *   <li>services never depend on each other (they talk through events only);</li>
 *   <li>monitoring does not use the task inbox (it has no task table; it hears task events).</li>
 * </ul>
 */
class ArchitectureTest {

    private static final List<String> SERVICES = List.of("community", "monitoring", "employment", "industry");
    private static JavaClasses classes;

    @BeforeAll
    static void importAll() {
        Path root = Path.of(System.getProperty("suite.root", ".."));
        List<Path> dirs = List.of("common", "tasks", "community-service", "monitoring-service", "employment-service",
                "industry-service", "gateway").stream().map(m -> root.resolve(m).resolve("target/classes")).toList();
        dirs.forEach(d -> assertTrue(Files.isDirectory(d), d + " compiled (run after the modules are built)"));
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPaths(dirs);
        assertTrue(classes.size() > 100, "classes imported: " + classes.size());
    }

    @Test
    void commonDependsOnNoServiceAndNotOnTasks() {
        noClasses().that().resideInAPackage("cn.resettle.common..")
                .should().dependOnClassesThat().resideInAnyPackage(servicePackages("tasks", "gateway"))
                .because("common is the platform under every service, monitoring included").check(classes);
    }

    @Test
    void tasksDependsOnNoService() {
        noClasses().that().resideInAPackage("cn.resettle.tasks..")
                .should().dependOnClassesThat().resideInAnyPackage(servicePackages("gateway"))
                .because("the task inbox is shared by community, employment and industry").check(classes);
    }

    @Test
    void servicesDoNotDependOnEachOther() {
        for (String service : SERVICES) {
            List<String> others = SERVICES.stream().filter(s -> !s.equals(service)).map(s -> "cn.resettle." + s + "..").toList();
            noClasses().that().resideInAPackage("cn.resettle." + service + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others.toArray(String[]::new))
                    .because("services talk through events and their own registry copies").check(classes);
        }
    }

    @Test
    void monitoringDoesNotUseTheTaskInbox() {
        noClasses().that().resideInAPackage("cn.resettle.monitoring..")
                .should().dependOnClassesThat().resideInAPackage("cn.resettle.tasks..")
                .because("monitoring has no task table; it records task events as plan measures").check(classes);
    }

    private static String[] servicePackages(String... extra) {
        List<String> p = new java.util.ArrayList<>(SERVICES.stream().map(s -> "cn.resettle." + s + "..").toList());
        for (String e : extra) {
            p.add("cn.resettle." + e + "..");
        }
        return p.toArray(String[]::new);
    }
}
