-- Accounts of every kind (patients, proxies, providers, staff, admins, apps) and the refresh
-- tokens of the embedded issuer. Passwords and tokens are stored only as hashes.
create table organization (
    id         uuid primary key,
    name       text        not null,
    created_at timestamptz not null default now()
);

create table account (
    id              uuid primary key,
    username        text        not null unique,
    password_hash   text        not null,
    display_name    text        not null,
    roles           text[]      not null,
    organization_id uuid references organization (id),
    patient_id      uuid,
    failed_logins   int         not null default 0,
    locked_until    timestamptz,
    created_at      timestamptz not null default now(),
    constraint account_roles_known check (roles <@ array['patient', 'provider', 'staff', 'admin', 'app']::text[])
);

create table refresh_token (
    id         uuid primary key,
    family_id  uuid        not null,
    account_id uuid        not null references account (id),
    token_hash bytea       not null unique,
    issued_at  timestamptz not null,
    expires_at timestamptz not null,
    used_at    timestamptz,
    revoked_at timestamptz
);
create index refresh_token_family_idx on refresh_token (family_id);
