package org.carechart.access;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.carechart.common.ProblemException;
import org.carechart.support.Db;
import org.carechart.support.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The grant API the sharing feature will call: a grant opens its categories at once and a revocation closes them at once. */
@QuarkusTest
class AccessServiceGrantsTest {

    @Inject
    AccessService access;

    private static <T> T inTransaction(Supplier<Uni<T>> work) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(work));
    }

    @Test
    void aGrantOpensItsCategoriesToTheAppUntilItIsRevoked() throws Throwable {
        UUID organization = UUID.randomUUID();
        Db.update("insert into organization (id, name) values (?, 'Grant test clinic')", organization);
        UUID patient = UUID.randomUUID();
        Db.update("insert into patient (id, organization_id, mrn, given_name, family_name, birth_date, sex) "
                + "values (?, ?, ?, 'Gina', 'Grant', ?, 'female')", patient, organization, "G-" + patient, LocalDate.of(1985, 3, 3));
        UUID app = UUID.randomUUID();
        Db.update("insert into account (id, username, password_hash, display_name, roles) values (?, ?, 'x', 'Test app', '{app}')",
                app, "app-" + app);
        String appToken = Tokens.app(app, UUID.randomUUID());
        given().auth().oauth2(appToken).when().get("/api/v1/patients/{id}", patient).then().statusCode(404);

        Grant grant = inTransaction(() -> access.createGrant(patient, Grant.GranteeType.APP, app,
                EnumSet.of(DataCategory.CONDITION), "payment", null, app));
        given().auth().oauth2(appToken).when().get("/api/v1/patients/{id}", patient).then().statusCode(200);
        assertEquals(1, inTransaction(() -> access.listGrants(patient)).size());

        Grant revoked = inTransaction(() -> access.revokeGrant(patient, grant.id(), app));
        assertNotNull(revoked.revokedAt());
        assertTrue(!revoked.activeAt(Instant.now()));
        given().auth().oauth2(appToken).when().get("/api/v1/patients/{id}", patient).then().statusCode(404);
        assertEquals(1, Db.count("select count(*) from access_grant where id = ? and revoked_at is not null", grant.id()),
                "revoked, not deleted");

        ProblemException noCategories = assertThrows(ProblemException.class, () -> inTransaction(() -> access.createGrant(
                patient, Grant.GranteeType.APP, app, Set.of(), "payment", null, app)));
        assertEquals("validation", noCategories.type().slug());
        assertThrows(ProblemException.class, () -> inTransaction(() -> access.createGrant(
                patient, Grant.GranteeType.PROVIDER, app, EnumSet.of(DataCategory.NOTE), "treatment", null, app)),
                "an app account is not a provider");
        assertThrows(ProblemException.class, () -> inTransaction(() -> access.createGrant(
                patient, Grant.GranteeType.APP, app, EnumSet.of(DataCategory.NOTE), "payment", Instant.now().minusSeconds(5), app)));
        assertEquals(1, Db.count("select count(*) from access_grant where patient_id = ?", patient));
    }
}
