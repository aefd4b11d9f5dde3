package org.carechart.identity;

import io.smallrye.mutiny.Uni;

import java.util.Locale;
import java.util.UUID;

/**
 * Where account changes are reported. Implemented by the audit trail (which sits above identity), like
 * {@link SignInAudit}; every change of an account (create, role change, patient link, unlock, disable,
 * enable) writes one event in the transaction of the change.
 */
public interface AccountAudit {

    enum Change {
        CREATE, ROLES, LINK_PATIENT, UNLOCK, DISABLE, ENABLE;

        public String code() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** {@code patientId}: the patient concerned (a link), else null; {@code basis}: the actor's access basis, if any. */
    Uni<Void> record(Caller actor, Change change, UUID accountId, UUID patientId, String basis);
}
