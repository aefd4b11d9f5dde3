package org.carechart.identity;

import java.util.Set;
import java.util.UUID;

/**
 * Who is calling, built once per request from a verified token. A proxy is a caller like any
 * other: the patients they act for are facts the access policy looks up, so a proxy's requests
 * are always recorded as themselves.
 *
 * @param accountId      the account ({@code sub}); null for an anonymous share-link holder
 * @param displayName    a name fit for a patient's access log
 * @param patientId      the caller's own patient record, if they are a patient
 * @param organizationId the organization a provider, staff member or app belongs to
 * @param scopes         OAuth scopes of an app token
 * @param client         where the request came from, for the audit trail
 */
public record Caller(UUID accountId, String displayName, Set<Role> roles, UUID patientId, UUID organizationId,
                     Set<String> scopes, ClientInfo client) {

    public record ClientInfo(String address, String userAgent) {
        public static final ClientInfo UNKNOWN = new ClientInfo(null, null);
    }

    public Caller {
        roles = Set.copyOf(roles);
        scopes = Set.copyOf(scopes);
        client = client == null ? ClientInfo.UNKNOWN : client;
    }

    public static Caller anonymous(ClientInfo client) {
        return new Caller(null, "anonymous", Set.of(), null, null, Set.of(), client);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean isAnonymous() {
        return accountId == null;
    }
}
