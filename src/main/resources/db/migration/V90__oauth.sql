-- The SMART App Launch authorization server (package oauth). A registered app is an account with
-- the role 'app' (the grantee of the grants patients give it) plus its OAuth client record.
-- Codes, refresh tokens and consent requests are stored as SHA-256 hashes only.
create table oauth_client (
    client_id      text primary key,
    account_id     uuid        not null unique references account (id),
    name           text        not null,
    client_type    text        not null check (client_type in ('public', 'confidential')),
    redirect_uris  text[]      not null,
    scopes         text[]      not null,
    purpose        text        not null,
    jwks           jsonb,
    jwks_url       text,
    created_at     timestamptz not null default now(),
    created_by     uuid,
    disabled_at    timestamptz,
    constraint oauth_client_confidential_keys check (client_type = 'public' or jwks is not null or jwks_url is not null)
);

-- One authorization request between the app's redirect and the patient's decision (minutes).
create table oauth_consent_request (
    id             uuid primary key,
    client_id      text        not null references oauth_client (client_id),
    csrf_hash      bytea       not null,
    redirect_uri   text        not null,
    scopes         text[]      not null,
    state          text,
    nonce          text,
    code_challenge text        not null,
    account_id     uuid references account (id),
    created_at     timestamptz not null default now(),
    expires_at     timestamptz not null,
    finished_at    timestamptz
);

create table oauth_code (
    code_hash      bytea primary key,
    client_id      text        not null references oauth_client (client_id),
    redirect_uri   text        not null,
    code_challenge text        not null,
    scopes         text[]      not null,
    account_id     uuid        not null references account (id),
    patient_id     uuid references patient (id),
    grant_id       uuid references access_grant (id),
    nonce          text,
    expires_at     timestamptz not null,
    used_at        timestamptz
);

create table oauth_refresh_token (
    id          uuid primary key,
    family_id   uuid        not null,
    token_hash  bytea       not null unique,
    client_id   text        not null references oauth_client (client_id),
    account_id  uuid        not null references account (id),
    patient_id  uuid references patient (id),
    grant_id    uuid references access_grant (id),
    scopes      text[]      not null,
    issued_at   timestamptz not null,
    expires_at  timestamptz not null,
    used_at     timestamptz,
    revoked_at  timestamptz
);
create index oauth_refresh_token_family_idx on oauth_refresh_token (family_id);
create index oauth_refresh_token_grant_idx on oauth_refresh_token (grant_id);

-- Client assertion ids seen (private_key_jwt): a jti is never accepted twice while it could be valid.
create table oauth_assertion_jti (
    client_id  text        not null,
    jti        text        not null,
    expires_at timestamptz not null,
    primary key (client_id, jti)
);
