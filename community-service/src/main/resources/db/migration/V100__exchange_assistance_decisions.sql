-- Civil affairs' answers to social-assistance referrals (社会救助转介办理结果), reported by the civil-affairs system
-- or an officer through /api/community/exchange. One answer per referral (the SOCIAL_ASSISTANCE_REFERRAL task):
-- the same answer again changes nothing, another answer is refused (409).
create table assistance_decision (
    task_id        uuid primary key references assistance_task (id),
    risk_id        uuid          not null,
    household_id   uuid          not null,
    programme      varchar(16)   not null,
    decision       varchar(16)   not null,
    decision_no    varchar(64)   not null,
    decided_on     date          not null,
    monthly_amount numeric(12, 2),
    effective_from date,
    reason         varchar(500),
    reported_by    varchar(64)   not null,
    reported_at    timestamptz   not null
);
create index assistance_decision_household on assistance_decision (household_id);
