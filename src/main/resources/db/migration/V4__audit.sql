-- The audit trail. Append-only: a trigger refuses UPDATE, DELETE and TRUNCATE.
-- Tamper-evident: each row carries sha256(previous hash of its chain || its own content).
-- One chain per patient (events with no patient chain per actor), so requests for different
-- patients never wait on one lock; within a chain the head row is locked for the insert.
create table audit_event (
    id              uuid primary key,
    chain_key       text        not null,
    chain_seq       bigint      not null,
    occurred_at     timestamptz not null,
    actor_id        uuid,
    actor_name      text,
    actor_roles     text[]      not null default '{}',
    organization_id uuid,
    acting_for      uuid,
    patient_id      uuid,
    action          text        not null,
    resource_type   text,
    resource_id     text,
    query           text,
    basis           text,
    purpose         text,
    outcome         text        not null check (outcome in ('success', 'denied', 'failure')),
    client_address  text,
    user_agent      text,
    prev_hash       bytea       not null,
    hash            bytea       not null,
    unique (chain_key, chain_seq)
);
create index audit_patient_idx on audit_event (patient_id, occurred_at desc, id);
create index audit_actor_idx on audit_event (actor_id, occurred_at desc, id);
create index audit_time_idx on audit_event (occurred_at desc, id);
create index audit_basis_idx on audit_event (basis, occurred_at desc) where basis = 'break-the-glass';

create table audit_chain_head (
    chain_key text primary key,
    last_seq  bigint not null,
    last_hash bytea  not null
);

-- The canonical text a row's hash covers. Verification recomputes exactly this.
create function audit_canonical(e audit_event) returns bytea
    language sql immutable as
$$
select convert_to(concat_ws('|',
    e.id::text, e.chain_key, e.chain_seq::text,
    to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    coalesce(e.actor_id::text, ''), coalesce(e.actor_name, ''), array_to_string(e.actor_roles, ','),
    coalesce(e.organization_id::text, ''), coalesce(e.acting_for::text, ''), coalesce(e.patient_id::text, ''),
    e.action, coalesce(e.resource_type, ''), coalesce(e.resource_id, ''), coalesce(e.query, ''),
    coalesce(e.basis, ''), coalesce(e.purpose, ''), e.outcome,
    coalesce(e.client_address, ''), coalesce(e.user_agent, '')), 'UTF8')
$$;

create function audit_chain_link() returns trigger
    language plpgsql as
$$
declare
    head audit_chain_head;
begin
    new.chain_key := coalesce(new.patient_id::text, 'actor:' || coalesce(new.actor_id::text, 'anonymous'));
    insert into audit_chain_head as h (chain_key, last_seq, last_hash)
    values (new.chain_key, 0, '\x'::bytea)
    on conflict (chain_key) do update set last_seq = h.last_seq
    returning * into head;
    new.chain_seq := head.last_seq + 1;
    new.prev_hash := head.last_hash;
    new.hash := sha256(new.prev_hash || audit_canonical(new));
    update audit_chain_head set last_seq = new.chain_seq, last_hash = new.hash where chain_key = new.chain_key;
    return new;
end
$$;

create trigger audit_chain_link
    before insert on audit_event
    for each row execute function audit_chain_link();

create function audit_refuse_change() returns trigger
    language plpgsql as
$$
begin
    raise exception 'audit_event is append-only' using errcode = 'insufficient_privilege';
end
$$;

create trigger audit_append_only
    before update or delete on audit_event
    for each row execute function audit_refuse_change();
create trigger audit_no_truncate
    before truncate on audit_event
    for each statement execute function audit_refuse_change();
