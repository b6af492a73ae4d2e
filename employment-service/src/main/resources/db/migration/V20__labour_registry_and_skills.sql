-- One dictionary of skills and occupations (工种/技能): people's skills, wished occupations, postings' occupation and
-- required skills are all codes from this table, never free text, so matching compares codes. New codes are rows
-- (an operator adds them); a code is never deleted, only retired (active = false).
create table skill (
    code     varchar(24) primary key,
    label    varchar(40) not null,
    category varchar(16) not null,
    sort     int         not null,
    active   boolean     not null default true
);

insert into skill (code, label, category, sort) values
    ('GENERAL_LABOUR',   '普工（无特定技能）',   'GENERAL',        10),
    ('ELECTRICIAN',      '电工',                 'CONSTRUCTION',   20),
    ('WELDER',           '焊工',                 'CONSTRUCTION',   21),
    ('MASON',            '砌筑工',               'CONSTRUCTION',   22),
    ('CARPENTER',        '木工',                 'CONSTRUCTION',   23),
    ('REBAR_WORKER',     '钢筋工',               'CONSTRUCTION',   24),
    ('PAINTER',          '油漆涂裱工',           'CONSTRUCTION',   25),
    ('EXCAVATOR',        '挖掘机操作',           'CONSTRUCTION',   26),
    ('DRIVER',           '机动车驾驶员',         'SERVICES',       30),
    ('FORKLIFT',         '叉车司机',             'MANUFACTURING',  31),
    ('SEWING',           '缝纫工',               'MANUFACTURING',  40),
    ('ELECTRONICS',      '电子装配工',           'MANUFACTURING',  41),
    ('QUALITY_CHECK',    '质检员',               'MANUFACTURING',  42),
    ('PACKING',          '包装工',               'MANUFACTURING',  43),
    ('WAREHOUSE',        '仓储管理员',           'MANUFACTURING',  44),
    ('COOK',             '中式烹调师',           'SERVICES',       50),
    ('PASTRY',           '中式面点师',           'SERVICES',       51),
    ('HOUSEKEEPING',     '家政服务员',           'SERVICES',       52),
    ('ELDERLY_CARE',     '养老护理员',           'SERVICES',       53),
    ('CHILDCARE',        '育婴员',               'SERVICES',       54),
    ('CLEANER',          '保洁员',               'SERVICES',       55),
    ('SECURITY_GUARD',   '保安员',               'SERVICES',       56),
    ('SALES',            '营销员',               'SERVICES',       57),
    ('ECOMMERCE',        '电子商务（网店/直播）', 'SERVICES',       58),
    ('HAIRDRESSER',      '美发师',               'SERVICES',       59),
    ('AUTO_REPAIR',      '汽车维修工',           'SERVICES',       60),
    ('CROP_GROWING',     '农作物种植',           'AGRICULTURE',    70),
    ('NAVEL_ORANGE',     '脐橙种植管护',         'AGRICULTURE',    71),
    ('TEA',              '茶叶种植加工',         'AGRICULTURE',    72),
    ('LIVESTOCK',        '畜禽养殖',             'AGRICULTURE',    73),
    ('AQUACULTURE',      '水产养殖',             'AGRICULTURE',    74),
    ('HANDICRAFT',       '手工编织/来料加工',    'HANDICRAFT',     80),
    ('FOREST_RANGER',    '护林员',               'PUBLIC_WELFARE', 90),
    ('ROAD_MAINTENANCE', '道路养护',             'PUBLIC_WELFARE', 91),
    ('SANITATION',       '环卫保洁',             'PUBLIC_WELFARE', 92);

-- The labour registry 劳动力台账: what employment keeps per person on top of the registry copy (who the person is,
-- labour capacity and the monthly employment status come from community's events; where and how the person works
-- now comes from person_employment). Keyed by the registry person id, not a foreign key: the copy rewrites a
-- household's members on every household event.
create table labour_profile (
    person_id       uuid primary key,
    household_id    uuid         not null,
    skills          varchar(24)[] not null default '{}',
    desired_skills  varchar(24)[] not null default '{}',
    wish_to_work    boolean,
    training_wish   boolean      not null default false,
    training_skills varchar(24)[] not null default '{}',
    can_leave_home  boolean      not null default true,
    note            varchar(200),
    checked_on      date         not null,
    version         bigint       not null default 0,
    updated_by      varchar(64)  not null,
    updated_at      timestamptz  not null
);
create index labour_profile_household on labour_profile (household_id);
create index labour_profile_skills on labour_profile using gin (skills);

-- where the person works, as employment records it (also filled by placements)
alter table person_employment add column workplace varchar(100);
