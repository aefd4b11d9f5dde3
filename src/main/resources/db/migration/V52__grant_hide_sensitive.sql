-- A grant can never show more than its creator may see: one made by a parent proxy of a minor aged
-- 12 to 17 hides entries marked sensitive from the grantee too, as that parent's share links do.
alter table access_grant add column hide_sensitive boolean not null default false;
