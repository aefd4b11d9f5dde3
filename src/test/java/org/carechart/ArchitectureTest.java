package org.carechart;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.domain.JavaClass;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import jakarta.persistence.Entity;
import org.carechart.common.OwnConnection;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Set;

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
                .layer("population").definedBy(BASE + ".quality..", BASE + ".export..")
                .layer("standards").definedBy(BASE + ".fhir..")
                .layer("oauth").definedBy(BASE + ".oauth..")
                .layer("features").definedBy(BASE + ".patient..", BASE + ".chart..", BASE + ".amendment..", BASE + ".sharing..",
                        BASE + ".coverage..")
                .layer("notification").definedBy(BASE + ".notification..")
                .layer("access").definedBy(BASE + ".access..")
                .layer("audit").definedBy(BASE + ".audit..")
                .layer("identity").definedBy(BASE + ".identity..")
                .layer("ratelimit").definedBy(BASE + ".ratelimit..")
                .layer("common").definedBy(BASE + ".common..")
                .whereLayer("embedded").mayNotBeAccessedByAnyLayer()
                .whereLayer("population").mayNotBeAccessedByAnyLayer()
                .whereLayer("standards").mayOnlyBeAccessedByLayers("population")
                .whereLayer("oauth").mayNotBeAccessedByAnyLayer()
                .whereLayer("features").mayOnlyBeAccessedByLayers("population", "standards", "oauth")
                .whereLayer("notification").mayOnlyBeAccessedByLayers("population", "standards", "oauth", "features")
                .whereLayer("access").mayOnlyBeAccessedByLayers("population", "standards", "oauth", "features", "notification")
                .whereLayer("audit").mayOnlyBeAccessedByLayers("population", "standards", "oauth", "features", "notification", "access")
                .whereLayer("identity").mayOnlyBeAccessedByLayers("population", "standards", "oauth", "features", "notification", "access", "audit")
                .whereLayer("ratelimit").mayOnlyBeAccessedByLayers("population", "standards", "oauth", "features", "notification", "access", "audit", "identity")
                .check(classes);
    }

    @Test
    void featuresUseEachOtherOnlyThroughServices() {
        for (String feature : new String[]{"fhir", "patient", "chart", "amendment", "sharing", "coverage", "export", "quality", "notification", "access", "audit", "identity", "oauth"}) {
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

    /** The raw Vert.x SQL client (pool, rows, tuples, the LISTEN subscriber). */
    private static final DescribedPredicate<JavaClass> RAW_CLIENT = DescribedPredicate.describe("the raw Vert.x SQL client",
            c -> c.getPackageName().startsWith("io.vertx.sqlclient") || c.getPackageName().startsWith("io.vertx.mutiny.sqlclient")
                    || c.getPackageName().startsWith("io.vertx.pgclient") || c.getPackageName().startsWith("io.vertx.mutiny.pgclient"));

    /**
     * Classes of packages other engineers are rewriting right now (issue 12, part A), still on the raw pool
     * inside a unit of work; each is to move to common.Sql or be marked @OwnConnection. The goal is none.
     */
    private static final Set<String> NOT_YET_CONVERTED = Set.of();

    private static final DescribedPredicate<JavaClass> NOT_YET_CONVERTED_CLASS = DescribedPredicate.describe(
            "not yet converted", c -> NOT_YET_CONVERTED.contains(c.getName()));

    @Test
    void onlyClassesMarkedOwnConnectionUseTheRawPool() {
        noClasses().that().areNotAnnotatedWith(OwnConnection.class).and(DescribedPredicate.not(NOT_YET_CONVERTED_CLASS))
                .should().dependOnClassesThat(RAW_CLIENT)
                .because("inside a unit of work every statement runs on its session's one connection (common.Sql)")
                .check(classes);
    }

    @Test
    void aClassOnItsOwnConnectionNeverUsesTheSession() {
        noClasses().that().areAnnotatedWith(OwnConnection.class)
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus.hibernate.reactive.panache..",
                        "org.hibernate.reactive..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.carechart.common.Sql")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void noUnitOfWorkCallsAClassOnItsOwnConnection() {
        noClasses().that(DescribedPredicate.describe("have a @WithTransaction method",
                        (JavaClass c) -> c.getMethods().stream().anyMatch(m -> m.isAnnotatedWith(WithTransaction.class))))
                .should().callMethodWhere(DescribedPredicate.describe(
                        "a method of an @OwnConnection class that reaches the database (returns a Uni)",
                        call -> call.getTargetOwner().isAnnotatedWith(OwnConnection.class)
                                && call.getTarget().getRawReturnType().isAssignableTo(io.smallrye.mutiny.Uni.class)))
                .because("a second connection taken while the transaction holds one exhausts the pool under load")
                .allowEmptyShould(true)
                .check(classes);
    }
}
