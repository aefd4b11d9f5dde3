-- Every instant a client can set lies in years 1800..9999 (common.Instants; issue 11, bad input).
-- Beyond that PostgreSQL stores what Java sent as infinity (or wraps to 4714 BC) and later arithmetic
-- on the way back fails. First repair what is already stored, then forbid it.

-- A grant "expiring" after year 9999 never expires: that is what null means. One expiring before 1800 has expired.
update access_grant set expires_at = null where expires_at >= timestamptz '10000-01-01 00:00:00+00';
update access_grant set expires_at = created_at where expires_at < timestamptz '1800-01-01 00:00:00+00';
-- Share links live at most 30 days by default: an out-of-range expiry becomes that; a past one, expired.
update share_link set expires_at = created_at + interval '30 days' where expires_at >= timestamptz '10000-01-01 00:00:00+00';
update share_link set expires_at = created_at where expires_at < timestamptz '1800-01-01 00:00:00+00';
-- Links: an end after 9999 is no end; a start before 1800 is "always".
update proxy_link set ends_at = null where ends_at >= timestamptz '10000-01-01 00:00:00+00';
update proxy_link set ends_at = timestamptz '1800-01-01 00:00:00+00' where ends_at < timestamptz '1800-01-01 00:00:00+00';
update proxy_link set starts_at = timestamptz '1800-01-01 00:00:00+00' where starts_at < timestamptz '1800-01-01 00:00:00+00';
update care_team_member set ends_at = null where ends_at >= timestamptz '10000-01-01 00:00:00+00';
update care_team_member set ends_at = timestamptz '1800-01-01 00:00:00+00' where ends_at < timestamptz '1800-01-01 00:00:00+00';
update care_team_member set starts_at = timestamptz '1800-01-01 00:00:00+00' where starts_at < timestamptz '1800-01-01 00:00:00+00';
-- Chart entries: clamp the clinical times into the window (current view and every version alike).
update chart_entry set effective_at = greatest(least(effective_at, timestamptz '9999-12-31 23:59:59+00'), timestamptz '1800-01-01 00:00:00+00')
 where effective_at < timestamptz '1800-01-01 00:00:00+00' or effective_at >= timestamptz '10000-01-01 00:00:00+00';
update chart_entry set recorded_at = greatest(least(recorded_at, timestamptz '9999-12-31 23:59:59+00'), timestamptz '1800-01-01 00:00:00+00')
 where recorded_at < timestamptz '1800-01-01 00:00:00+00' or recorded_at >= timestamptz '10000-01-01 00:00:00+00';
update chart_entry_version set effective_at = greatest(least(effective_at, timestamptz '9999-12-31 23:59:59+00'), timestamptz '1800-01-01 00:00:00+00')
 where effective_at < timestamptz '1800-01-01 00:00:00+00' or effective_at >= timestamptz '10000-01-01 00:00:00+00';
update chart_entry_version set recorded_at = greatest(least(recorded_at, timestamptz '9999-12-31 23:59:59+00'), timestamptz '1800-01-01 00:00:00+00')
 where recorded_at < timestamptz '1800-01-01 00:00:00+00' or recorded_at >= timestamptz '10000-01-01 00:00:00+00';

alter table access_grant add constraint access_grant_expires_in_window
    check (expires_at is null or (expires_at >= timestamptz '1800-01-01 00:00:00+00' and expires_at < timestamptz '10000-01-01 00:00:00+00'));
alter table share_link add constraint share_link_expires_in_window
    check (expires_at >= timestamptz '1800-01-01 00:00:00+00' and expires_at < timestamptz '10000-01-01 00:00:00+00');
alter table proxy_link add constraint proxy_link_period_in_window
    check (starts_at >= timestamptz '1800-01-01 00:00:00+00' and starts_at < timestamptz '10000-01-01 00:00:00+00'
           and (ends_at is null or (ends_at >= timestamptz '1800-01-01 00:00:00+00' and ends_at < timestamptz '10000-01-01 00:00:00+00')));
alter table care_team_member add constraint care_team_period_in_window
    check (starts_at >= timestamptz '1800-01-01 00:00:00+00' and starts_at < timestamptz '10000-01-01 00:00:00+00'
           and (ends_at is null or (ends_at >= timestamptz '1800-01-01 00:00:00+00' and ends_at < timestamptz '10000-01-01 00:00:00+00')));
alter table chart_entry add constraint chart_entry_times_in_window
    check (effective_at >= timestamptz '1800-01-01 00:00:00+00' and effective_at < timestamptz '10000-01-01 00:00:00+00'
           and recorded_at >= timestamptz '1800-01-01 00:00:00+00' and recorded_at < timestamptz '10000-01-01 00:00:00+00');
alter table chart_entry_version add constraint chart_entry_version_times_in_window
    check (effective_at >= timestamptz '1800-01-01 00:00:00+00' and effective_at < timestamptz '10000-01-01 00:00:00+00'
           and recorded_at >= timestamptz '1800-01-01 00:00:00+00' and recorded_at < timestamptz '10000-01-01 00:00:00+00');
