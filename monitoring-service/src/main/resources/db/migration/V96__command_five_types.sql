-- Five-types site assessment 五型安置点 (issue 13, seed 002 annex 2). Checklist items per county and year, each either
-- METRIC (met when a figure or rate of the command view at the site reaches the threshold: the figure is the evidence)
-- or ATTESTED (met or not as recorded by an official for the site and year, with the evidence they give: a workshop,
-- the one-stop window, the collective income…). county_code '000000', year 0 is the template every county starts
-- from until it sets its own list for a year (the latest year up to the one asked for wins).
create table command_checklist_item (
    id          uuid primary key,
    county_code varchar(6)     not null,
    year        int            not null,
    site_type   varchar(32)    not null,
    code        varchar(40)    not null,
    title       varchar(300)   not null,
    kind        varchar(16)    not null,
    figure      varchar(40),
    threshold   numeric(14, 4),
    position    int            not null,
    updated_by  varchar(128),
    updated_at  timestamptz    not null default now(),
    constraint command_checklist_item_code unique (county_code, year, code)
);

create table command_site_attestation (
    id          uuid primary key,
    site_code   varchar(32)   not null,
    region_code varchar(12)   not null,
    year        int           not null,
    item_code   varchar(40)   not null,
    met         boolean       not null,
    evidence    varchar(500)  not null,
    attested_by varchar(128)  not null,
    attested_at timestamptz   not null,
    constraint command_site_attestation_item unique (site_code, year, item_code)
);

insert into command_checklist_item (id, county_code, year, site_type, code, title, kind, figure, threshold, position) values
 (gen_random_uuid(), '000000', 0, 'INDUSTRY_THRIVING', 'IT-BASE', '共享产业基地至少1个', 'ATTESTED', null, null, 1),
 (gen_random_uuid(), '000000', 0, 'INDUSTRY_THRIVING', 'IT-COOP', '成立合作社1个', 'ATTESTED', null, null, 2),
 (gen_random_uuid(), '000000', 0, 'INDUSTRY_THRIVING', 'IT-GARDEN', '开辟微田园或小菜园', 'ATTESTED', null, null, 3),
 (gen_random_uuid(), '000000', 0, 'INDUSTRY_THRIVING', 'IT-LEADING', '选准地方传统或特色主导产业1个', 'ATTESTED', null, null, 4),
 (gen_random_uuid(), '000000', 0, 'EMPLOYMENT_DEVELOPMENT', 'ED-NEARBY', '安置点周边共享企业、商超、帮扶车间等3个以上', 'ATTESTED', null, null, 1),
 (gen_random_uuid(), '000000', 0, 'EMPLOYMENT_DEVELOPMENT', 'ED-WORKSHOP', '安置点内帮扶车间1个', 'ATTESTED', null, null, 2),
 (gen_random_uuid(), '000000', 0, 'EMPLOYMENT_DEVELOPMENT', 'ED-STATION', '成立就业服务站', 'ATTESTED', null, null, 3),
 (gen_random_uuid(), '000000', 0, 'EMPLOYMENT_DEVELOPMENT', 'ED-TRAINING', '每年至少1次就业创业培训', 'ATTESTED', null, null, 4),
 (gen_random_uuid(), '000000', 0, 'EMPLOYMENT_DEVELOPMENT', 'ED-POSTS', '安置点内开发公益性岗位至少2人', 'METRIC', 'PUBLIC_WELFARE_POSTS', 2, 5),
 (gen_random_uuid(), '000000', 0, 'EMPLOYMENT_DEVELOPMENT', 'ED-LEADER', '培育搬迁群众致富带头人至少1人', 'METRIC', 'SELF_EMPLOYED', 1, 6),
 (gen_random_uuid(), '000000', 0, 'EMPLOYMENT_DEVELOPMENT', 'ED-ONEJOB', '有就业意愿且有就业能力的搬迁劳动力家庭至少一人就业', 'METRIC', 'ONE_HOUSEHOLD_ONE_JOB', 1, 7),
 (gen_random_uuid(), '000000', 0, 'ECOLOGICALLY_LIVABLE', 'EL-ENV', '基础设施完善，垃圾和污水处理有效', 'ATTESTED', null, null, 1),
 (gen_random_uuid(), '000000', 0, 'ECOLOGICALLY_LIVABLE', 'EL-BASE', '周边共享产业基地至少1个', 'ATTESTED', null, null, 2),
 (gen_random_uuid(), '000000', 0, 'ECOLOGICALLY_LIVABLE', 'EL-POINTS', '建设积分超市1个', 'ATTESTED', null, null, 3),
 (gen_random_uuid(), '000000', 0, 'ECOLOGICALLY_LIVABLE', 'EL-STAGE', '有乡村小舞台，综合治理有效', 'ATTESTED', null, null, 4),
 (gen_random_uuid(), '000000', 0, 'COLLECTIVE_ECONOMY', 'CE-ORG', '安置点成立集体经济组织', 'ATTESTED', null, null, 1),
 (gen_random_uuid(), '000000', 0, 'COLLECTIVE_ECONOMY', 'CE-COOP', '成立合作社至少1个', 'ATTESTED', null, null, 2),
 (gen_random_uuid(), '000000', 0, 'COLLECTIVE_ECONOMY', 'CE-ASSETS', '集体资产管理规范', 'ATTESTED', null, null, 3),
 (gen_random_uuid(), '000000', 0, 'COLLECTIVE_ECONOMY', 'CE-INCOME', '年集体经济收入3万元以上', 'ATTESTED', null, null, 4),
 (gen_random_uuid(), '000000', 0, 'MANAGEMENT_SERVICE', 'MS-CENTRE', '有管理服务中心、新时代文明实践站、就业服务站、积分超市', 'ATTESTED', null, null, 1),
 (gen_random_uuid(), '000000', 0, 'MANAGEMENT_SERVICE', 'MS-WINDOW', '设置"一站式"服务窗口，配备2-5名专职管理人员', 'ATTESTED', null, null, 2),
 (gen_random_uuid(), '000000', 0, 'MANAGEMENT_SERVICE', 'MS-PARTY', '按规定成立党支部或党小组，实行楼栋长网格化管理', 'ATTESTED', null, null, 3),
 (gen_random_uuid(), '000000', 0, 'MANAGEMENT_SERVICE', 'MS-VISITS', '每月回访全覆盖', 'METRIC', 'VISIT_COVERAGE', 1, 4);
