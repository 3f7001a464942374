-- National-scale dashboard data, generated in SQL (no app involved), on a freshly migrated database:
--   3,000 published plans (year 2025, monthly) × 5 sections × 2 tasks × 5 measures = 150,000 measures;
--   5,000 units; each measure has a lead unit and one responsible unit, every third measure a second one
--   (200,000 duties); 10 monthly reports per duty, January to October 2025 = 2,000,000 reports, each with one
--   version and one audit entry ('submit'); a target on every fifth measure with quantities in accepted reports;
--   a 'remind' audit entry for every tenth duty.
-- Run: psql -v hash="'<Identity password hash>'" -f dashboard-seed.sql   (the viewer account bench-viewer gets it)
\set ON_ERROR_STOP on
\timing on
SET synchronous_commit = off;

INSERT INTO "AspNetRoles" ("Name", "NormalizedName", "ConcurrencyStamp")
SELECT r, upper(r), gen_random_uuid()::text FROM unnest(ARRAY['admin', 'coordinator', 'unit', 'leader', 'viewer']) AS r
WHERE NOT EXISTS (SELECT 1 FROM "AspNetRoles" WHERE "NormalizedName" = upper(r));

CREATE TEMP TABLE regions AS SELECT "Id" AS id, row_number() OVER (ORDER BY "Id") - 1 AS k FROM "Regions";

INSERT INTO "Organizations" ("Name", "Kind", "RegionId")
SELECT '全国基准单位' || lpad(i::text, 4, '0'), 'Department', r.id
FROM generate_series(0, 4999) AS i JOIN regions r ON r.k = i % (SELECT count(*) FROM regions);
CREATE TEMP TABLE units AS
SELECT "Id" AS id, "Name" AS name, row_number() OVER (ORDER BY "Name") - 1 AS k FROM "Organizations" WHERE "Name" LIKE '全国基准单位%';
CREATE UNIQUE INDEX ON units (k);

INSERT INTO "Plans" ("Title", "Year", "Level", "RegionId", "LeadKind", "Status", "CreatedAt", "UpdatedAt", "ReportingFrequency", "ReportingDueDay")
SELECT '全国基准计划' || lpad(i::text, 4, '0'), 2025, 'District', r.id, 'Department', 'Published', now(), now(), 'Monthly', 25
FROM generate_series(0, 2999) AS i JOIN regions r ON r.k = i % (SELECT count(*) FROM regions);

INSERT INTO "Sections" ("PlanId", "Ordinal", "Code", "Title")
SELECT p."Id", s, s::text, '第' || s || '部分' FROM "Plans" p, generate_series(1, 5) AS s WHERE p."Title" LIKE '全国基准计划%';

INSERT INTO "PlanTasks" ("SectionId", "Ordinal", "Number", "Name")
SELECT s."Id", t, (s."Ordinal" - 1) * 2 + t, '任务' || ((s."Ordinal" - 1) * 2 + t)
FROM "Sections" s JOIN "Plans" p ON p."Id" = s."PlanId", generate_series(1, 2) AS t WHERE p."Title" LIKE '全国基准计划%';

-- Two in five measures have a dated deadline (the year's end), the rest are continuous.
INSERT INTO "Measures" ("TaskId", "Ordinal", "Number", "Text", "ColumnsCertain", "DeadlineRaw", "DeadlineKind", "DeadlineDate")
SELECT t."Id", m, NULL, '措施 ' || t."Number" || '.' || m || '：持续推进生态保护修复，加强监督检查。', true,
    CASE WHEN m % 5 < 2 THEN '2025年12月底前' ELSE '长期坚持' END,
    CASE WHEN m % 5 < 2 THEN 'Date' ELSE 'Continuous' END,
    CASE WHEN m % 5 < 2 THEN date '2025-12-31' END
FROM "PlanTasks" t JOIN "Sections" s ON s."Id" = t."SectionId" JOIN "Plans" p ON p."Id" = s."PlanId", generate_series(1, 5) AS m
WHERE p."Title" LIKE '全国基准计划%';

CREATE TEMP TABLE bench_measures AS
SELECT m."Id" AS id, row_number() OVER (ORDER BY m."Id") - 1 AS n
FROM "Measures" m JOIN "PlanTasks" t ON t."Id" = m."TaskId" JOIN "Sections" s ON s."Id" = t."SectionId" JOIN "Plans" p ON p."Id" = s."PlanId"
WHERE p."Title" LIKE '全国基准计划%';

INSERT INTO "MeasureAssignments" ("MeasureId", "Role", "Ordinal", "OrganizationId", "PrintedName")
SELECT m.id, 'Lead', 1, u.id, u.name FROM bench_measures m JOIN units u ON u.k = (m.n * 7) % 5000;
INSERT INTO "MeasureAssignments" ("MeasureId", "Role", "Ordinal", "OrganizationId", "PrintedName")
SELECT m.id, 'Responsible', 1, u.id, u.name FROM bench_measures m JOIN units u ON u.k = m.n % 5000;
INSERT INTO "MeasureAssignments" ("MeasureId", "Role", "Ordinal", "OrganizationId", "PrintedName")
SELECT m.id, 'Responsible', 2, u.id, u.name FROM bench_measures m JOIN units u ON u.k = (m.n + 2500) % 5000 WHERE m.n % 3 = 0;

INSERT INTO "Targets" ("MeasureId", "Metric", "Unit", "Comparator", "Value")
SELECT m.id, '生态保育小区', '处', 'AtLeast', 12 FROM bench_measures m WHERE m.n % 5 = 0;

-- Reports: January to August mostly accepted (one in twenty returned), September accepted or awaiting review,
-- October (due on the 25th) submitted, accepted or still a draft.
CREATE TEMP TABLE duties AS
SELECT a."MeasureId" AS measure, a."OrganizationId" AS org, a."Id" AS id FROM "MeasureAssignments" a JOIN bench_measures m ON m.id = a."MeasureId"
WHERE a."Role" = 'Responsible';

INSERT INTO "ProgressReports" ("MeasureId", "OrganizationId", "Period", "State", "Revision", "CreatedAt", "UpdatedAt")
SELECT d.measure, d.org, make_date(2025, month, 1),
    CASE
        WHEN month <= 8 THEN CASE WHEN (d.id * 7 + month * 13) % 20 = 0 THEN 'Returned' ELSE 'Accepted' END
        WHEN month = 9 THEN CASE WHEN (d.id * 7 + month * 13) % 10 < 7 THEN 'Accepted' ELSE 'Submitted' END
        ELSE CASE WHEN (d.id * 7 + month * 13) % 20 < 12 THEN 'Submitted' WHEN (d.id * 7 + month * 13) % 20 < 15 THEN 'Accepted' ELSE 'Draft' END
    END,
    3, make_date(2025, month, 20), make_date(2025, month, 24)
FROM duties d, generate_series(1, 10) AS month;

INSERT INTO "ReportVersions" ("ReportId", "Number", "Status", "Percent", "Narrative", "CreatedAt", "CreatedById", "SubmittedAt", "SubmittedById",
    "ReviewedAt", "ReviewedById", "ReturnReason")
SELECT r."Id", 1,
    CASE WHEN r."Id" % 20 = 0 THEN 'Late' WHEN r."Id" % 50 = 1 AND r."Period" >= date '2025-09-01' THEN 'Completed' ELSE 'InProgress' END,
    least(100, extract(month FROM r."Period")::int * 9), '本月按计划推进，完成阶段性工作。', r."CreatedAt", 1,
    CASE WHEN r."State" <> 'Draft' THEN r."UpdatedAt" END, CASE WHEN r."State" <> 'Draft' THEN 1 END,
    CASE WHEN r."State" IN ('Accepted', 'Returned') THEN r."UpdatedAt" + interval '1 day' END,
    CASE WHEN r."State" IN ('Accepted', 'Returned') THEN 1 END,
    CASE WHEN r."State" = 'Returned' THEN '请补充佐证材料' END
FROM "ProgressReports" r JOIN bench_measures m ON m.id = r."MeasureId";

INSERT INTO "ReportQuantities" ("VersionId", "TargetId", "Value")
SELECT v."Id", t."Id", extract(month FROM r."Period")::int
FROM "ReportVersions" v JOIN "ProgressReports" r ON r."Id" = v."ReportId" JOIN "Targets" t ON t."MeasureId" = r."MeasureId"
JOIN bench_measures m ON m.id = r."MeasureId"
WHERE r."State" = 'Accepted';

INSERT INTO "AuditEntries" ("At", "UserId", "UserName", "Action", "MeasureId", "ReportId", "Details")
SELECT r."UpdatedAt", 1, 'bench', 'submit', r."MeasureId", r."Id", '{"version":1}'
FROM "ProgressReports" r JOIN bench_measures m ON m.id = r."MeasureId";
INSERT INTO "AuditEntries" ("At", "UserId", "UserName", "Action", "MeasureId", "ReportId", "Details")
SELECT timestamp '2025-10-26 09:00', NULL, 'system', 'remind', d.measure, NULL, '{}' FROM duties d WHERE d.id % 10 = 0;

INSERT INTO "AspNetUsers" ("OrganizationId", "DisplayName", "UserName", "NormalizedUserName", "EmailConfirmed", "PasswordHash", "SecurityStamp",
    "ConcurrencyStamp", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount")
SELECT u.id, 'bench viewer', 'bench-viewer', 'BENCH-VIEWER', false, :hash, upper(replace(gen_random_uuid()::text, '-', '')), gen_random_uuid()::text,
    false, false, true, 0
FROM units u WHERE u.k = 0;
INSERT INTO "AspNetUserRoles" ("UserId", "RoleId")
SELECT u."Id", r."Id" FROM "AspNetUsers" u, "AspNetRoles" r WHERE u."UserName" = 'bench-viewer' AND r."NormalizedName" = 'VIEWER';

VACUUM ANALYZE "Organizations", "Plans", "Sections", "PlanTasks", "Measures", "MeasureAssignments", "Targets", "ProgressReports", "ReportVersions", "ReportQuantities", "AuditEntries", "AspNetUsers";
SELECT (SELECT count(*) FROM "Plans") AS plans, (SELECT count(*) FROM "Measures") AS measures,
    (SELECT count(*) FROM "ProgressReports") AS reports, (SELECT count(*) FROM "ReportVersions") AS versions,
    (SELECT count(*) FROM "AuditEntries") AS audit_entries;
