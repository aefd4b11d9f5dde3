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
 * @param app            set when the token came from the OAuth authorization server (a registered app):
 *                       its scopes are then enforced by the access policy, and its patient context and
 *                       grant bound the token
 */
public record Caller(UUID accountId, String displayName, Set<Role> roles, UUID patientId, UUID organizationId,
                     Set<String> scopes, ClientInfo client, AppContext app) {

    /**
     * What an OAuth token of a registered app is bound to.
     *
     * @param clientId  the app's client id
     * @param patientId the patient chosen at launch (SMART {@code patient}); null for user and system tokens
     * @param grantId   the grant the patient's approval created; null for user and system tokens
     */
    public record AppContext(String clientId, UUID patientId, UUID grantId) {
    }

    public Caller(UUID accountId, String displayName, Set<Role> roles, UUID patientId, UUID organizationId,
                  Set<String> scopes, ClientInfo client) {
        this(accountId, displayName, roles, patientId, organizationId, scopes, client, null);
    }

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
