-- Month-end burst data: one published plan (year :year, monthly, continuous deadlines) with 1,500 measures,
-- 500 generated units each responsible for 3 measures, and one unit account per unit.
-- Run on a freshly migrated database:  psql -v year=2026 -v hash="'<Identity password hash>'" -f burst-seed.sql
-- All accounts share one password hash (made once by `EcoPlan.LoadTest hash`), so no hashing happens here.
\set ON_ERROR_STOP on
BEGIN;

INSERT INTO "AspNetRoles" ("Name", "NormalizedName", "ConcurrencyStamp")
SELECT r, upper(r), gen_random_uuid()::text FROM unnest(ARRAY['admin', 'coordinator', 'unit', 'leader', 'viewer']) AS r
WHERE NOT EXISTS (SELECT 1 FROM "AspNetRoles" WHERE "NormalizedName" = upper(r));

CREATE TEMP TABLE bench_region ON COMMIT DROP AS SELECT min("Id") AS id FROM "Regions";

INSERT INTO "Organizations" ("Name", "Kind", "RegionId")
SELECT '基准单位' || lpad(i::text, 4, '0'), 'Department', (SELECT id FROM bench_region) FROM generate_series(1, 500) AS i;

INSERT INTO "Plans" ("Title", "Year", "Level", "RegionId", "LeadKind", "Status", "CreatedAt", "UpdatedAt", "ReportingFrequency", "ReportingDueDay")
VALUES ('基准计划（月末集中报送）', :year, 'District', (SELECT id FROM bench_region), 'Department', 'Published', now(), now(), 'Monthly', 25);

-- 15 sections × 10 tasks × 10 measures.
INSERT INTO "Sections" ("PlanId", "Ordinal", "Code", "Title")
SELECT p."Id", s, s::text, '第' || s || '部分' FROM "Plans" p, generate_series(1, 15) AS s WHERE p."Title" = '基准计划（月末集中报送）';

INSERT INTO "PlanTasks" ("SectionId", "Ordinal", "Number", "Name")
SELECT s."Id", t, (s."Ordinal" - 1) * 10 + t, '任务' || ((s."Ordinal" - 1) * 10 + t)
FROM "Sections" s JOIN "Plans" p ON p."Id" = s."PlanId", generate_series(1, 10) AS t WHERE p."Title" = '基准计划（月末集中报送）';

INSERT INTO "Measures" ("TaskId", "Ordinal", "Number", "Text", "ColumnsCertain", "DeadlineRaw", "DeadlineKind")
SELECT t."Id", m, NULL, '措施 ' || t."Number" || '.' || m, true, '长期坚持', 'Continuous'
FROM "PlanTasks" t JOIN "Sections" s ON s."Id" = t."SectionId" JOIN "Plans" p ON p."Id" = s."PlanId", generate_series(1, 10) AS m
WHERE p."Title" = '基准计划（月末集中报送）';

-- Unit k (1..500) is responsible for the measures 3k-2, 3k-1 and 3k in plan order.
WITH measures AS (
    SELECT m."Id", row_number() OVER (ORDER BY s."Ordinal", t."Ordinal", m."Ordinal") AS n
    FROM "Measures" m JOIN "PlanTasks" t ON t."Id" = m."TaskId" JOIN "Sections" s ON s."Id" = t."SectionId" JOIN "Plans" p ON p."Id" = s."PlanId"
    WHERE p."Title" = '基准计划（月末集中报送）'),
units AS (SELECT o."Id", o."Name", row_number() OVER (ORDER BY o."Name") AS k FROM "Organizations" o WHERE o."Name" LIKE '基准单位%')
INSERT INTO "MeasureAssignments" ("MeasureId", "Role", "Ordinal", "OrganizationId", "PrintedName")
SELECT measures."Id", 'Responsible', 1, units."Id", units."Name" FROM measures JOIN units ON units.k = (measures.n + 2) / 3;

INSERT INTO "AspNetUsers" ("OrganizationId", "DisplayName", "UserName", "NormalizedUserName", "EmailConfirmed", "PasswordHash", "SecurityStamp",
    "ConcurrencyStamp", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount")
SELECT o."Id", o."Name", 'bench-unit-' || substr(o."Name", 5), upper('bench-unit-' || substr(o."Name", 5)), false, :hash,
    upper(replace(gen_random_uuid()::text, '-', '')), gen_random_uuid()::text, false, false, true, 0
FROM "Organizations" o WHERE o."Name" LIKE '基准单位%';

INSERT INTO "AspNetUserRoles" ("UserId", "RoleId")
SELECT u."Id", r."Id" FROM "AspNetUsers" u, "AspNetRoles" r WHERE u."UserName" LIKE 'bench-unit-%' AND r."NormalizedName" = 'UNIT';

COMMIT;
ANALYZE "Organizations", "Plans", "Sections", "PlanTasks", "Measures", "MeasureAssignments", "AspNetUsers", "AspNetUserRoles";
