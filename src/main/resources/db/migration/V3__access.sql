-- The facts access decisions rest on. Owned by the access package; patient and sharing manage
-- them through AccessService. Nothing here is deleted: links end (ends_at, revoked_at).
create table care_team_member (
    id          uuid primary key,
    patient_id  uuid        not null references patient (id),
    provider_id uuid        not null references account (id),
    role        text        not null,
    starts_at   timestamptz not null,
    ends_at     timestamptz,
    created_at  timestamptz not null default now(),
    created_by  uuid
);
create index care_team_provider_idx on care_team_member (provider_id, patient_id);
create index care_team_patient_idx on care_team_member (patient_id);

create table proxy_link (
    id               uuid primary key,
    patient_id       uuid        not null references patient (id),
    proxy_account_id uuid        not null references account (id),
    relationship     text        not null,
    starts_at        timestamptz not null,
    ends_at          timestamptz,
    created_at       timestamptz not null default now(),
    created_by       uuid
);
create index proxy_link_proxy_idx on proxy_link (proxy_account_id, patient_id);
create index proxy_link_patient_idx on proxy_link (patient_id);

create table access_grant (
    id           uuid primary key,
    patient_id   uuid        not null references patient (id),
    grantee_type text        not null check (grantee_type in ('provider', 'organization', 'app')),
    grantee_id   uuid        not null,
    categories   text[]      not null,
    purpose      text        not null,
    expires_at   timestamptz,
    created_at   timestamptz not null default now(),
    created_by   uuid        not null,
    revoked_at   timestamptz,
    revoked_by   uuid
);
create index access_grant_grantee_idx on access_grant (grantee_id, patient_id);
create index access_grant_patient_idx on access_grant (patient_id);

create table break_glass_session (
    id          uuid primary key,
    patient_id  uuid        not null references patient (id),
    provider_id uuid        not null references account (id),
    reason      text        not null,
    starts_at   timestamptz not null,
    expires_at  timestamptz not null
);
create index break_glass_provider_idx on break_glass_session (provider_id, patient_id, expires_at);
