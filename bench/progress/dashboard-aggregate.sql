-- The hand-written SQL behind one plan's dashboard on 2025-10-31 (period 2025-10): what Dashboard.ComputeAsync
-- reads, as plain SQL, for pgbench (one transaction = one dashboard; -D first=… -D last=… bound the plan ids).
\set plan random(:first, :last)
SELECT "Id", "Title", "AttachmentLabel", "Year", "LeadKind", "ReportingFrequency", "ReportingDueDay" FROM "Plans" WHERE "Id" = :plan;
-- The measures in plan order, their section and task, and the reminders sent.
SELECT m."Id", s."Code", s."Title", m."Number", t."Number", t."Ordinal", t."Name", m."Text", m."DeadlineRaw", m."DeadlineKind", m."DeadlineDate",
    (SELECT count(*) FROM "AuditEntries" a WHERE a."MeasureId" = m."Id" AND a."Action" = 'remind') AS reminders
FROM "Sections" s JOIN "PlanTasks" t ON t."SectionId" = s."Id" JOIN "Measures" m ON m."TaskId" = t."Id"
WHERE s."PlanId" = :plan ORDER BY s."Ordinal", t."Ordinal", m."Ordinal";
SELECT a."MeasureId", a."Role", a."Ordinal", a."OrganizationId", a."LeaderId", a."PrintedName"
FROM "Sections" s JOIN "PlanTasks" t ON t."SectionId" = s."Id" JOIN "Measures" m ON m."TaskId" = t."Id" JOIN "MeasureAssignments" a ON a."MeasureId" = m."Id"
WHERE s."PlanId" = :plan;
-- Each unit's latest submitted version on each measure.
SELECT DISTINCT ON (r."MeasureId", r."OrganizationId") r."MeasureId", r."OrganizationId", r."Period", r."State", v."Status", v."Percent", v."Narrative", v."SubmittedAt"
FROM "Sections" s JOIN "PlanTasks" t ON t."SectionId" = s."Id" JOIN "Measures" m ON m."TaskId" = t."Id"
JOIN "ProgressReports" r ON r."MeasureId" = m."Id" JOIN "ReportVersions" v ON v."ReportId" = r."Id"
WHERE s."PlanId" = :plan AND r."Period" <= date '2025-10-01' AND v."SubmittedAt" IS NOT NULL
ORDER BY r."MeasureId", r."OrganizationId", r."Period" DESC, v."Number" DESC;
-- Per measure and unit: this period's report, accepted, the latest period reported, accepted as completed.
SELECT r."MeasureId", r."OrganizationId", count(*) FILTER (WHERE r."Period" = date '2025-10-01'),
    count(*) FILTER (WHERE r."Period" = date '2025-10-01' AND r."State" = 'Accepted'), max(r."Period"),
    bool_or(r."State" = 'Accepted' AND (SELECT v."Status" FROM "ReportVersions" v WHERE v."ReportId" = r."Id" ORDER BY v."Number" DESC LIMIT 1) = 'Completed')
FROM "Sections" s JOIN "PlanTasks" t ON t."SectionId" = s."Id" JOIN "Measures" m ON m."TaskId" = t."Id" JOIN "ProgressReports" r ON r."MeasureId" = m."Id"
WHERE s."PlanId" = :plan AND r."Period" <= date '2025-10-01' AND r."State" <> 'Draft'
GROUP BY r."MeasureId", r."OrganizationId";
-- Per period: submitted, accepted, returned.
SELECT r."Period", count(*), count(*) FILTER (WHERE r."State" = 'Accepted'), count(*) FILTER (WHERE r."State" = 'Returned')
FROM "Sections" s JOIN "PlanTasks" t ON t."SectionId" = s."Id" JOIN "Measures" m ON m."TaskId" = t."Id" JOIN "ProgressReports" r ON r."MeasureId" = m."Id"
WHERE s."PlanId" = :plan AND r."Period" <= date '2025-10-01' AND r."State" <> 'Draft'
GROUP BY r."Period";
-- Targets against the sum over units of each unit's latest accepted quantity.
SELECT tg."Id", tg."MeasureId", tg."Metric", tg."Unit", tg."Comparator", tg."Value", sum(x."Value"), count(x."Value")
FROM "Sections" s JOIN "PlanTasks" t ON t."SectionId" = s."Id" JOIN "Measures" m ON m."TaskId" = t."Id" JOIN "Targets" tg ON tg."MeasureId" = m."Id"
LEFT JOIN LATERAL (
    SELECT DISTINCT ON (r."OrganizationId") q."Value"
    FROM "ReportQuantities" q JOIN "ReportVersions" v ON v."Id" = q."VersionId" JOIN "ProgressReports" r ON r."Id" = v."ReportId"
    WHERE q."TargetId" = tg."Id" AND r."State" = 'Accepted' AND r."Period" <= date '2025-10-01'
    ORDER BY r."OrganizationId", r."Period" DESC, v."Number" DESC) x ON true
WHERE s."PlanId" = :plan
GROUP BY tg."Id" ORDER BY tg."Id";
