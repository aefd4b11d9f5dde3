-- A proxy's grants and share links carry the proxy's authority: each names the proxy link it was
-- made under, and stops working the moment that link ends (AccessPolicy.grantInForceSql, and the
-- share link's status). Made by the patient themselves: null.
alter table access_grant add column proxy_link_id uuid references proxy_link (id);
alter table share_link add column proxy_link_id uuid references proxy_link (id);
create index access_grant_proxy_link_idx on access_grant (proxy_link_id) where proxy_link_id is not null;
create index share_link_proxy_link_idx on share_link (proxy_link_id) where proxy_link_id is not null;

-- Grants and links made by a proxy before this migration: the proxy link of their creator for that
-- patient that was in force when they were made (else the latest one), so they end with it too.
update access_grant g
   set proxy_link_id = (select pl.id from proxy_link pl
                         where pl.patient_id = g.patient_id and pl.proxy_account_id = g.created_by
                         order by (pl.starts_at <= g.created_at and (pl.ends_at is null or pl.ends_at > g.created_at)) desc,
                                  pl.starts_at desc
                         limit 1)
 where not exists (select 1 from account a where a.id = g.created_by and a.patient_id = g.patient_id)
   and exists (select 1 from proxy_link pl where pl.patient_id = g.patient_id and pl.proxy_account_id = g.created_by);

update share_link l
   set proxy_link_id = (select pl.id from proxy_link pl
                         where pl.patient_id = l.patient_id and pl.proxy_account_id = l.created_by
                         order by (pl.starts_at <= l.created_at and (pl.ends_at is null or pl.ends_at > l.created_at)) desc,
                                  pl.starts_at desc
                         limit 1)
 where not exists (select 1 from account a where a.id = l.created_by and a.patient_id = l.patient_id)
   and exists (select 1 from proxy_link pl where pl.patient_id = l.patient_id and pl.proxy_account_id = l.created_by);
