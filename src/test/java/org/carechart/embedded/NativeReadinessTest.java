package org.carechart.embedded;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * What a native image needs that a JVM run never notices (docs/native.md). A native build cannot
 * run here; these rules keep the code as the native build needs it, and scripts/native-check.sh
 * checks the registrations in the generated native-image configuration.
 */
class NativeReadinessTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.carechart");
    }

    /**
     * JSON bodies built into a {@code Response}, or written with an ObjectMapper, are invisible to
     * the build's reflection scan: every wire type (the api packages, Problem, Page) is registered.
     */
    @Test
    void everyWireTypeIsRegisteredForReflection() {
        classes().that().resideInAPackage("org.carechart..api..")
                .or().haveFullyQualifiedName("org.carechart.common.Problem")
                .or().haveFullyQualifiedName("org.carechart.common.Problem$FieldError")
                .or().haveFullyQualifiedName("org.carechart.common.Page")
                .should().beAnnotatedWith(RegisterForReflection.class)
                .because("a native image serializes only what is registered for reflection (docs/native.md)")
                .check(classes);
    }

    /** Static initialisers may run at image build time: nothing secret or slow (bcrypt) is made in one. */
    @Test
    void noStaticInitialiserHashesWithBcrypt() {
        classes().should(new ArchCondition<JavaClass>("not call BcryptUtil from a static initialiser") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                type.getStaticInitializer().ifPresent(init -> init.getMethodCallsFromSelf().stream()
                        .filter(call -> call.getTargetOwner().getName().endsWith(".BcryptUtil"))
                        .forEach(call -> events.add(SimpleConditionEvent.violated(type, call.getDescription()))));
            }
        }).check(classes);
    }

    /** Only the embedded PostgreSQL of src/embedded names zonky, which the native build leaves out. */
    @Test
    void onlyTheEmbeddedPostgresNamesZonky() {
        noClasses().that().doNotHaveFullyQualifiedName(ZonkyPostgres.class.getName())
                .should().dependOnClassesThat().resideInAPackage("io.zonky..")
                .check(classes);
    }
}
