-- The first answer to a chart write sent with an Idempotency-Key, so a retry returns it instead of
-- writing again. Keys are scoped per caller and kept for a day (older rows are ignored and replaced).
create table chart_idempotency_key (
    account_id    uuid        not null,
    key           text        not null,
    request_hash  text        not null,
    status        int,
    location      text,
    etag          text,
    body          text,
    created_at    timestamptz not null default now(),
    primary key (account_id, key)
);
create index chart_idempotency_created_idx on chart_idempotency_key (created_at);
