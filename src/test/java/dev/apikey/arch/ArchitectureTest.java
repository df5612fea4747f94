package dev.apikey.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import dev.apikey.App;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The package structure of docs/architecture.md: dependencies point one way, towards {@code core},
 * which owns the ports and imports no library and no adapter; picocli stays in the command line.
 */
class ArchitectureTest {
    /**
     * apikey's main classes, read from their directory (scanning the class path for the package is slow).
     * picocli is compiled into the same directory (for class-data sharing): it is left out.
     */
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> location.contains("/dev/apikey/"))
            .importPath(mainClasses());

    /** Every package its own slice, the root package ({@code App}, the wiring) included. */
    private static final SliceAssignment PACKAGES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
            return c.getPackageName().startsWith("dev.apikey") ? SliceIdentifier.of(c.getPackageName())
                    : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "the packages of dev.apikey";
        }
    };

    private static final String[] ADAPTERS = {"dev.apikey.store..", "dev.apikey.metadata..", "dev.apikey.provider..",
            "dev.apikey.http..", "dev.apikey.term..", "dev.apikey.process..", "dev.apikey.target..", "dev.apikey.agent.."};

    private static Path mainClasses() {
        try {
            return Path.of(App.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void packagesHaveNoCycles() {
        slices().assignedFrom(PACKAGES).should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void coreDependsOnTheJdkAlone() {
        classes().that().resideInAPackage("dev.apikey.core..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.apikey.core..", "java..")
                .because("core owns the ports; picocli, OkHttp, JLine, java-keyring, Jackson and the adapters "
                        + "stay outside it")
                .check(MAIN);
    }

    @Test
    void adaptersNeverReachBackIntoTheCommandLineOrTheWiring() {
        noClasses().that().resideInAnyPackage(ADAPTERS)
                .should().dependOnClassesThat().resideInAnyPackage("dev.apikey.cli..", "dev.apikey")
                .check(MAIN);
    }

    @Test
    void onlyTheCommandLineAndAppUsePicocli() {
        noClasses().that().resideOutsideOfPackage("dev.apikey.cli..")
                .and().doNotHaveFullyQualifiedName("dev.apikey.App")
                .should().dependOnClassesThat().resideInAPackage("picocli..")
                .check(MAIN);
    }
}
