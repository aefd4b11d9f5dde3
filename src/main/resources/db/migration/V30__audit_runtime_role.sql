-- The service's runtime role, carechart_runtime: all the reads and writes the service does, but no
-- UPDATE, DELETE or TRUNCATE of audit_event (and no DELETE of chain heads). The append-only triggers
-- of V4 stop the owner's mistakes; this stops the application's connections even from disabling or
-- bypassing those triggers, which only the owner or a superuser can do.
-- Flyway keeps running as the owner (quarkus.flyway.username); the service connects as
-- carechart_runtime (quarkus.datasource.username). See docs/audit.md.
-- Roles belong to the whole server, not to one database: the role is created once (when the migrating
-- user may create roles; otherwise a DBA creates it and this grants), the grants are per database.
do $$
begin
    if not exists (select 1 from pg_roles where rolname = 'carechart_runtime') then
        if not exists (select 1 from pg_roles where rolname = current_user and (rolsuper or rolcreaterole)) then
            raise notice 'carechart_runtime not created: % may not create roles; the service keeps running as %',
                current_user, current_user;
            return;
        end if;
        begin
            create role carechart_runtime login;
        exception when duplicate_object then
            null; -- another database on this server created it at the same moment
        end;
    end if;
    execute format('grant connect, temporary on database %I to carechart_runtime', current_database());
    grant usage on schema public to carechart_runtime;
    grant select, insert, update, delete on all tables in schema public to carechart_runtime;
    grant usage, select, update on all sequences in schema public to carechart_runtime;
    revoke update, delete, truncate on audit_event from carechart_runtime;
    revoke delete, truncate on audit_chain_head from carechart_runtime;
    if to_regclass('flyway_schema_history') is not null then
        revoke all on flyway_schema_history from carechart_runtime;
    end if;
    -- Tables and sequences later migrations create (run by the same owner) are granted the same way.
    alter default privileges in schema public grant select, insert, update, delete on tables to carechart_runtime;
    alter default privileges in schema public grant usage, select, update on sequences to carechart_runtime;
end
$$;
