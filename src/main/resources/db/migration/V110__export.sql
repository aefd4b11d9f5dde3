-- FHIR Bulk Data export (package export, docs/export.md). A job is a row any instance may pick up
-- (FOR UPDATE SKIP LOCKED) and hold by a lease it renews at every checkpoint; a lease that ran out
-- (the instance died) is taken over. Work goes patient chunk by patient chunk, in patient id order:
-- last_patient_id and each file's byte length and count are the checkpoint, committed in the same
-- transaction as the chunk's disclosure records, so a resumed job truncates every file to its
-- checkpoint and writes each resource exactly once.
create table export_job (
    id               uuid primary key,
    client_id        text,                      -- the OAuth client (null for a user token of the embedded issuer)
    account_id       uuid        not null references account (id),
    caller           jsonb       not null,      -- who asked, to decide as them while the job runs
    level            text        not null check (level in ('system', 'patient', 'group')),
    group_id         text,
    types            text[]      not null,
    since            timestamptz,
    output_format    text        not null,
    request_url      text        not null,
    base_url         text        not null,
    deidentify       boolean     not null default false,
    status           text        not null check (status in ('queued', 'running', 'complete', 'failed', 'cancelled')),
    lease_owner      text,
    lease_until      timestamptz,
    heartbeat_at     timestamptz,
    last_patient_id  uuid,                      -- checkpoint: every patient up to this id is written
    patients_done    int         not null default 0,
    patients_total   int,
    resources_done   bigint      not null default 0,
    transaction_time timestamptz not null,
    created_at       timestamptz not null default now(),
    finished_at      timestamptz,
    expires_at       timestamptz,
    error            text
);
create index export_job_claim_idx on export_job (status, lease_until) where status in ('queued', 'running');
create index export_job_client_idx on export_job (account_id, status);

-- One NDJSON file per job and resource type; bytes and count as of the last committed checkpoint.
create table export_file (
    job_id     uuid   not null references export_job (id) on delete cascade,
    type       text   not null,
    file_name  text   not null,
    bytes      bigint not null default 0,
    count      bigint not null default 0,
    primary key (job_id, type)
);

-- An app the registry or payer has agreed to receive de-identified data only: the export applies
-- the export.Deidentifier (quality.SafeHarbor) to every resource, or fails closed without one.
alter table oauth_client add column deidentified_export boolean not null default false;

do $$
begin
    if exists (select 1 from pg_roles where rolname = 'carechart_runtime') then
        grant select, insert, update, delete on export_job, export_file to carechart_runtime;
    end if;
end
$$;
