package org.carechart;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.persistence.Entity;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/** The package rules of DESIGN.md, kept true by the build. */
class ArchitectureTest {

    private static final String BASE = "org.carechart";
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(BASE);
    }

    @Test
    void layersOnlyUseTheOnesBelowThem() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("embedded").definedBy(BASE + ".embedded..")
                .layer("oauth").definedBy(BASE + ".oauth..")
                .layer("features").definedBy(BASE + ".patient..", BASE + ".chart..", BASE + ".amendment..", BASE + ".sharing..")
                .layer("notification").definedBy(BASE + ".notification..")
                .layer("access").definedBy(BASE + ".access..")
                .layer("audit").definedBy(BASE + ".audit..")
                .layer("identity").definedBy(BASE + ".identity..")
                .layer("common").definedBy(BASE + ".common..")
                .whereLayer("embedded").mayNotBeAccessedByAnyLayer()
                .whereLayer("oauth").mayNotBeAccessedByAnyLayer()
                .whereLayer("features").mayOnlyBeAccessedByLayers("oauth")
                .whereLayer("notification").mayOnlyBeAccessedByLayers("oauth", "features")
                .whereLayer("access").mayOnlyBeAccessedByLayers("oauth", "features", "notification")
                .whereLayer("audit").mayOnlyBeAccessedByLayers("oauth", "features", "notification", "access")
                .whereLayer("identity").mayOnlyBeAccessedByLayers("oauth", "features", "notification", "access", "audit")
                .check(classes);
    }

    @Test
    void featuresUseEachOtherOnlyThroughServices() {
        for (String feature : new String[]{"patient", "chart", "amendment", "sharing", "notification", "access", "audit", "identity", "oauth"}) {
            String home = BASE + "." + feature;
            noClasses().that().resideOutsideOfPackage(home + "..")
                    .should().dependOnClassesThat(DescribedPredicate.describe("a repository or resource of " + feature,
                            c -> c.getPackageName().startsWith(home)
                                    && (c.getSimpleName().endsWith("Repository") || c.getSimpleName().endsWith("Resource"))))
                    .allowEmptyShould(true)
                    .check(classes);
        }
    }

    @Test
    void entitiesNeverCrossTheApi() {
        noClasses().that().areAnnotatedWith(Path.class)
                .should().dependOnClassesThat().areAnnotatedWith(Entity.class)
                .allowEmptyShould(true)
                .check(classes);
        noClasses().that().resideInAPackage("..api..")
                .should().dependOnClassesThat().areAnnotatedWith(Entity.class)
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void nothingBlocksTheEventLoopWithJdbcOutsideStartUp() {
        noClasses().that().resideOutsideOfPackage(BASE + ".embedded..")
                .should().dependOnClassesThat().resideInAPackage("java.sql..")
                .orShould().dependOnClassesThat().resideInAPackage("io.agroal..")
                .check(classes);
    }
}
