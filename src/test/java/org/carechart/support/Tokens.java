package org.carechart.support;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import org.carechart.embedded.DemoAccounts;

import java.util.Set;
import java.util.UUID;

/** Really signed access tokens, made with the key the test run's issuer verifies against. */
public final class Tokens {

    private Tokens() {
    }

    public static JwtClaimsBuilder claims(UUID account, String name, String... roles) {
        return Jwt.subject(account.toString())
                .claim("name", name)
                .groups(Set.of(roles))
                .expiresIn(300);
    }

    public static String patient(UUID account, UUID patient) {
        return claims(account, "Test Patient", "patient").claim("patient_id", patient.toString()).sign();
    }

    public static String provider(UUID account, UUID organization) {
        return claims(account, "Test Provider", "provider").claim("org", organization.toString()).sign();
    }

    public static String staff(UUID account, UUID organization) {
        return claims(account, "Test Staff", "staff").claim("org", organization.toString()).sign();
    }

    public static String app(UUID account, UUID organization) {
        return claims(account, "Test App", "app").claim("org", organization.toString()).sign();
    }

    public static String admin(UUID account) {
        return claims(account, "Test Admin", "admin").sign();
    }

    public static String alice() {
        return claims(DemoAccounts.ALICE_ACCOUNT, "Alice Morgan", "patient")
                .claim("patient_id", DemoAccounts.ALICE_PATIENT.toString()).sign();
    }

    public static String carol() {
        return claims(DemoAccounts.CAROL_ACCOUNT, "Carol Carter", "patient").sign();
    }

    public static String drLee() {
        return provider(DemoAccounts.DR_LEE, DemoAccounts.RIVERSIDE);
    }

    public static String drShaw() {
        return provider(DemoAccounts.DR_SHAW, DemoAccounts.LAKEVIEW);
    }

    public static String samRecords() {
        return staff(DemoAccounts.SAM_RECORDS, DemoAccounts.RIVERSIDE);
    }

    public static String lenaRecords() {
        return staff(DemoAccounts.LENA_RECORDS, DemoAccounts.LAKEVIEW);
    }

    public static String payerApp() {
        return app(DemoAccounts.PAYER_APP, DemoAccounts.ACME_HEALTH_PLAN);
    }
}
