-- The audit trail names the households each response showed (one row per response, however many households: a
-- county ledger export is one row) and whether it showed ID numbers and phones in clear. An auditor finds every
-- response that showed a household with household_ids && array[...] (GIN index).
alter table audit_log add column household_ids uuid[] not null default '{}';
alter table audit_log add column unmasked boolean not null default false;
create index audit_log_households on audit_log using gin (household_ids);
create index audit_log_at on audit_log (at);
