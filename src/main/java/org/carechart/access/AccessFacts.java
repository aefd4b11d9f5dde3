package org.carechart.access;

import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

/** What one query tells about a caller and a patient: the facts every rule reads. */
record AccessFacts(UUID patientId, UUID patientOrganizationId, LocalDate birthDate, String proxyRelationship,
                   boolean careTeam, boolean breakGlass, Set<DataCategory> grantedCategories) {

    boolean isProxy() {
        return proxyRelationship != null;
    }
}
