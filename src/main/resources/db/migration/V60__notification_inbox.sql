-- The inbox: every event a recipient is told of, numbered per recipient. The counter row of a
-- recipient is bumped (and so locked) inside the publishing transaction, so two transactions for
-- the same recipient commit in sequence order and a rolled-back one gives its number back: each
-- inbox is gap-free in commit order, which is what lets a client resume with "after N".
create table notification_counter (
    account_id uuid primary key references account (id),
    last_seq   bigint not null,
    read_seq   bigint not null default 0
);

create table notification_inbox (
    account_id uuid        not null references account (id),
    seq        bigint      not null,
    event_id   uuid        not null references notification_event (id),
    created_at timestamptz not null default now(),
    primary key (account_id, seq)
);
create index notification_inbox_event_idx on notification_inbox (event_id);

-- Wakes every instance's listener at commit. Ids and numbers only: any database user may LISTEN.
create function notification_inbox_notify() returns trigger
    language plpgsql as
$$
begin
    perform pg_notify('carechart_inbox', new.account_id::text || ':' || new.seq::text);
    return new;
end
$$;

create trigger notification_inbox_notify
    after insert on notification_inbox
    for each row execute function notification_inbox_notify();

-- Fans one event out to recipients' inboxes. Counters are locked in account order, so two
-- publishers with overlapping audiences cannot deadlock.
create function notification_fan_out(p_event uuid, p_accounts uuid[]) returns integer
    language sql as
$$
with recipients as (
    select distinct a as account_id from unnest(p_accounts) a where a is not null
), bumped as (
    insert into notification_counter as c (account_id, last_seq)
    select account_id, 1 from recipients order by account_id
    on conflict (account_id) do update set last_seq = c.last_seq + 1
    returning c.account_id, c.last_seq
), written as (
    insert into notification_inbox (account_id, seq, event_id)
    select account_id, last_seq, p_event from bumped
    returning 1
)
select count(*)::integer from written
$$;

-- One-time tickets for browsers that cannot send an Authorization header on a WebSocket.
-- Only the SHA-256 of the ticket is kept.
create table notification_ws_ticket (
    ticket_hash      bytea primary key,
    account_id       uuid        not null references account (id),
    patient_id       uuid,
    token_expires_at timestamptz not null,
    expires_at       timestamptz not null
);
create index notification_ws_ticket_expiry_idx on notification_ws_ticket (expires_at);
