-- Sessions can be cut off (issue 11, finding 4). disabled_at: an administrator disabled the account;
-- it cannot sign in, refresh or use any access token. sessions_revoked_at: access tokens issued before
-- it stop working (sign out everywhere, a disable, a role change), checked on every request by
-- identity.AccountStatus.
alter table account add column disabled_at timestamptz;
alter table account add column sessions_revoked_at timestamptz;

-- Role combinations that make sense (finding 3): a personal account is only that; an administrator
-- manages accounts and nothing else; an app is only an app. Providers may also be records staff.
-- Existing rows that break this rule are left as they are (not valid) and refused on the next change.
alter table account add constraint account_roles_combination check (
    cardinality(roles) >= 1 and (
        roles <@ array['provider', 'staff']::text[]
        or roles = array['patient']::text[]
        or roles = array['admin']::text[]
        or roles = array['app']::text[])) not valid;
-- An account linked to a patient is a personal account.
alter table account add constraint account_patient_link_personal check (
    patient_id is null or roles = array['patient']::text[]) not valid;
