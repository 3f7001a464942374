-- PostgreSQL's own rate for the rows one report writes: a ProgressReports row, its ReportVersions row and two
-- AuditEntries rows (draft, submit), in one transaction (one statement), as pgbench transactions. Periods from year 3000 on are
-- this script's own (one day apart, unique per transaction), so the rows never collide with the app's and are
-- deleted afterwards by burst.sh. :measure and :org are a real measure and its responsible unit (pgbench -D).
WITH r AS (
    INSERT INTO "ProgressReports" ("MeasureId", "OrganizationId", "Period", "State", "Revision", "CreatedAt", "UpdatedAt")
    VALUES (:measure, :org, date '3000-01-01' + (nextval('bench_period') % 2000000)::int, 'Submitted', 2, now(), now())
    RETURNING "Id", "MeasureId"),
v AS (
    INSERT INTO "ReportVersions" ("ReportId", "Number", "Status", "Percent", "Narrative", "CreatedAt", "CreatedById", "SubmittedAt", "SubmittedById")
    SELECT r."Id", 1, 'InProgress', 50, '本月按计划推进，完成阶段性工作。', now(), :user, now(), :user FROM r
    RETURNING "ReportId")
INSERT INTO "AuditEntries" ("At", "UserId", "UserName", "Action", "MeasureId", "ReportId", "Details")
SELECT now(), :user, 'pgbench', 'pgbench', r."MeasureId", r."Id", d.details FROM r JOIN v ON v."ReportId" = r."Id"
CROSS JOIN (VALUES ('{"period":"2026-12-01","version":1,"Status":"InProgress","Percent":50}'), ('{"version":1}')) AS d(details);
