package org.carechart.embedded;

import java.util.UUID;

/** The fixed ids of the demo organizations, accounts and named patients (listed in README.md). */
public final class DemoAccounts {

    public static final String PASSWORD = "carechart-demo";

    public static final UUID RIVERSIDE = id(1);
    public static final UUID LAKEVIEW = id(2);
    public static final UUID ACME_HEALTH_PLAN = id(3);

    public static final UUID ALICE_ACCOUNT = id(101);
    public static final UUID CAROL_ACCOUNT = id(102);
    public static final UUID DR_LEE = id(111);
    public static final UUID DR_PATEL = id(112);
    public static final UUID DR_SHAW = id(113);
    public static final UUID SAM_RECORDS = id(121);
    public static final UUID LENA_RECORDS = id(122);
    public static final UUID ADMIN = id(131);
    public static final UUID PAYER_APP = id(141);
    public static final UUID PATIENT_APP = id(142);

    /** Alice Morgan, an adult patient of Riverside with her own login. */
    public static final UUID ALICE_PATIENT = id(201);
    /** Ben Carter, 15, a Riverside patient; his mother Carol is his proxy. */
    public static final UUID BEN_PATIENT = id(202);
    /** Ben's anxiety diagnosis: sensitive, so his parent Carol does not see it and his doctors do. */
    public static final UUID BEN_ANXIETY_ENTRY = id(301);

    private DemoAccounts() {
    }

    private static UUID id(long n) {
        return new UUID(0x00000000_0000_4000L, 0x8000_0000_0000_0000L | n);
    }
}
