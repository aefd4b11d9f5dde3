-- Rate limits and sign-in throttling, shared by every instance through this database.
-- UNLOGGED: no WAL, so a bump costs little; after a crash the tables come back empty, which
-- only forgives the requests counted so far. Keys never hold a username or token in clear
-- (identity and sharing hash them); rows whose window has passed are deleted by housekeeping.

-- One row per limited key: the GCRA "theoretical arrival time" (tat, epoch microseconds).
-- A request is allowed when max(tat, now) + interval - now <= window; then tat moves on by one interval.
create unlogged table rate_limit (
    key        text primary key,
    tat        bigint  not null,
    seen_at    bigint  not null,
    window_us  bigint  not null,
    allowed    boolean not null
);

-- Failed passwords per (username, client address): after a few, each further attempt from that
-- address for that username waits an exponentially growing delay. Known and unknown usernames
-- alike; a success from that address clears the row. Never a lock of the account itself.
create unlogged table sign_in_throttle (
    key          text primary key,
    failures     integer     not null,
    retry_after  timestamptz not null,
    last_failure timestamptz not null
);

-- carechart_runtime gets select, insert, update, delete through the default privileges of V30.
