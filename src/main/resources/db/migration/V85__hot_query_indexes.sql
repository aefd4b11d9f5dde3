-- Indexes for queries on the hot path that had none (issue 12). Each was checked with EXPLAIN on a
-- seeded database (docs/performance.md, "Indexes").

-- Every event publish and every access decision looks up the patient's own accounts.
create index account_patient_idx on account (patient_id) where patient_id is not null;

-- The audience of an event: apps granted directly (primary key) or through their organization.
create index account_app_organization_idx on account (organization_id) where 'app' = any (roles);

-- The patient list of an organization, in registration order, keyset-paged.
create index patient_organization_created_idx on patient (organization_id, created_at, id);

-- The patient search matches the start of a given name as well as a family name.
create index patient_given_name_idx on patient (lower(given_name) text_pattern_ops, id);

-- Signing out everywhere and disabling an account revoke all of an account's refresh tokens.
create index refresh_token_account_idx on refresh_token (account_id);
