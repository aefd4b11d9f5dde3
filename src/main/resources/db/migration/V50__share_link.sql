-- Share links (in the spirit of SMART Health Links). The token itself is never stored: only its
-- SHA-256 (hex). The optional passcode is stored as a bcrypt hash.
create table share_link (
    id               uuid primary key,
    patient_id       uuid        not null references patient (id),
    token_hash       text        not null unique,
    label            text,
    categories       text[]      not null default '{}',
    entry_ids        uuid[]      not null default '{}',
    passcode_hash    text,
    -- created by a parent proxy of a minor aged 12 to 17: entries marked sensitive stay hidden
    hide_sensitive   boolean     not null default false,
    max_uses         int check (max_uses is null or max_uses > 0),
    use_count        int         not null default 0,
    failed_passcodes int         not null default 0,
    locked_at        timestamptz,
    expires_at       timestamptz not null,
    created_at       timestamptz not null default now(),
    created_by       uuid        not null,
    revoked_at       timestamptz,
    revoked_by       uuid,
    constraint share_link_scope check (cardinality(categories) > 0 or cardinality(entry_ids) > 0)
);
create index share_link_patient_idx on share_link (patient_id, created_at desc, id desc);

-- Every successful use of a link: when and from where (the audit trail holds the same event).
create table share_link_use (
    id             uuid primary key,
    link_id        uuid        not null references share_link (id),
    patient_id     uuid        not null references patient (id),
    used_at        timestamptz not null default now(),
    client_address text,
    user_agent     text
);
create index share_link_use_link_idx on share_link_use (link_id, used_at desc);
