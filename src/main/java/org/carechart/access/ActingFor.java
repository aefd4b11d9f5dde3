package org.carechart.access;

import java.util.UUID;

/** A patient an account acts for through a proxy link in force now. */
public record ActingFor(UUID patientId, String givenName, String familyName, String relationship) {
}
