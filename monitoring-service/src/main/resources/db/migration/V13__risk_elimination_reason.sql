-- Elimination without a finished plan needs an explicit reason, kept on the risk (who and when: closed_by, closed_at).
alter table risk add column elimination_reason varchar(500);
-- risks still waiting for their first measure (GET /risks?unassigned=true)
create index risk_open_flagged on risk (flagged_at) where status = 'OPEN';
