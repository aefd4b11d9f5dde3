-- Which expired grants were announced to their patient (GRANT_EXPIRED), so each is announced once
-- even with several instances running the job.
create table grant_expiry_notice (
    grant_id     uuid primary key references access_grant (id),
    announced_at timestamptz not null default now()
);
