-- The schema of the last release with hand-written migrations (main a42a0e5, 2026-12-01), history rows included:
-- IMigrator.GenerateScript() of that code, run once; the one semicolon its NoticeInbox migration left off is added.
-- OldReleaseUpgradeTests builds a database from it.
CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

BEGIN TRANSACTION;
CREATE TABLE "Regions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Regions" PRIMARY KEY AUTOINCREMENT,
    "Code" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Level" TEXT NOT NULL,
    "ParentId" INTEGER NULL,
    CONSTRAINT "FK_Regions_Regions_ParentId" FOREIGN KEY ("ParentId") REFERENCES "Regions" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Organizations" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Organizations" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "RegionId" INTEGER NOT NULL,
    "ParentId" INTEGER NULL,
    CONSTRAINT "FK_Organizations_Organizations_ParentId" FOREIGN KEY ("ParentId") REFERENCES "Organizations" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Organizations_Regions_RegionId" FOREIGN KEY ("RegionId") REFERENCES "Regions" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "OrganizationAliases" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_OrganizationAliases" PRIMARY KEY AUTOINCREMENT,
    "OrganizationId" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    CONSTRAINT "FK_OrganizationAliases_Organizations_OrganizationId" FOREIGN KEY ("OrganizationId") REFERENCES "Organizations" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Leaders" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Leaders" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "Title" TEXT NULL,
    "OrganizationId" INTEGER NOT NULL,
    CONSTRAINT "FK_Leaders_Organizations_OrganizationId" FOREIGN KEY ("OrganizationId") REFERENCES "Organizations" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Plans" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Plans" PRIMARY KEY AUTOINCREMENT,
    "Title" TEXT NOT NULL,
    "AttachmentLabel" TEXT NULL,
    "Part" TEXT NULL,
    "Year" INTEGER NOT NULL,
    "Level" TEXT NOT NULL,
    "RegionId" INTEGER NOT NULL,
    "LeadKind" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "SourceFileName" TEXT NULL,
    "SourceFormat" TEXT NULL,
    "SourceSha256" TEXT NULL,
    "SourceLength" INTEGER NULL,
    CONSTRAINT "FK_Plans_Regions_RegionId" FOREIGN KEY ("RegionId") REFERENCES "Regions" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Sections" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Sections" PRIMARY KEY AUTOINCREMENT,
    "PlanId" INTEGER NOT NULL,
    "Ordinal" INTEGER NOT NULL,
    "Code" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    CONSTRAINT "FK_Sections_Plans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "Plans" ("Id") ON DELETE CASCADE
);

CREATE TABLE "PlanTasks" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_PlanTasks" PRIMARY KEY AUTOINCREMENT,
    "SectionId" INTEGER NOT NULL,
    "Ordinal" INTEGER NOT NULL,
    "Number" INTEGER NULL,
    "Name" TEXT NOT NULL,
    CONSTRAINT "FK_PlanTasks_Sections_SectionId" FOREIGN KEY ("SectionId") REFERENCES "Sections" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Measures" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Measures" PRIMARY KEY AUTOINCREMENT,
    "TaskId" INTEGER NOT NULL,
    "Ordinal" INTEGER NOT NULL,
    "Number" INTEGER NULL,
    "Text" TEXT NOT NULL,
    "ColumnsCertain" INTEGER NOT NULL,
    "DeadlineRaw" TEXT NOT NULL,
    "DeadlineKind" TEXT NOT NULL,
    "DeadlineDate" TEXT NULL,
    "DeadlineRecurrence" TEXT NULL,
    CONSTRAINT "FK_Measures_PlanTasks_TaskId" FOREIGN KEY ("TaskId") REFERENCES "PlanTasks" ("Id") ON DELETE CASCADE
);

CREATE TABLE "MeasureAssignments" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_MeasureAssignments" PRIMARY KEY AUTOINCREMENT,
    "MeasureId" INTEGER NOT NULL,
    "Role" TEXT NOT NULL,
    "Ordinal" INTEGER NOT NULL,
    "OrganizationId" INTEGER NULL,
    "LeaderId" INTEGER NULL,
    "PrintedName" TEXT NOT NULL,
    "Duty" TEXT NULL,
    CONSTRAINT "CK_MeasureAssignments_OneAssignee" CHECK (("OrganizationId" IS NULL) <> ("LeaderId" IS NULL)),
    CONSTRAINT "FK_MeasureAssignments_Leaders_LeaderId" FOREIGN KEY ("LeaderId") REFERENCES "Leaders" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_MeasureAssignments_Measures_MeasureId" FOREIGN KEY ("MeasureId") REFERENCES "Measures" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_MeasureAssignments_Organizations_OrganizationId" FOREIGN KEY ("OrganizationId") REFERENCES "Organizations" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Targets" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Targets" PRIMARY KEY AUTOINCREMENT,
    "MeasureId" INTEGER NOT NULL,
    "Metric" TEXT NOT NULL,
    "Unit" TEXT NULL,
    "Comparator" TEXT NOT NULL,
    "Value" TEXT NULL,
    "Baseline" TEXT NULL,
    "Evidence" TEXT NULL,
    CONSTRAINT "FK_Targets_Measures_MeasureId" FOREIGN KEY ("MeasureId") REFERENCES "Measures" ("Id") ON DELETE CASCADE
);

CREATE TABLE "TargetOwners" (
    "TargetId" INTEGER NOT NULL,
    "OrganizationId" INTEGER NOT NULL,
    CONSTRAINT "PK_TargetOwners" PRIMARY KEY ("TargetId", "OrganizationId"),
    CONSTRAINT "FK_TargetOwners_Organizations_OrganizationId" FOREIGN KEY ("OrganizationId") REFERENCES "Organizations" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_TargetOwners_Targets_TargetId" FOREIGN KEY ("TargetId") REFERENCES "Targets" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_Regions_Code" ON "Regions" ("Code");

CREATE INDEX "IX_Regions_ParentId" ON "Regions" ("ParentId");

CREATE UNIQUE INDEX "IX_Organizations_Name" ON "Organizations" ("Name");

CREATE INDEX "IX_Organizations_ParentId" ON "Organizations" ("ParentId");

CREATE INDEX "IX_Organizations_RegionId" ON "Organizations" ("RegionId");

CREATE INDEX "IX_OrganizationAliases_Name" ON "OrganizationAliases" ("Name");

CREATE UNIQUE INDEX "IX_OrganizationAliases_OrganizationId_Name" ON "OrganizationAliases" ("OrganizationId", "Name");

CREATE UNIQUE INDEX "IX_Leaders_OrganizationId_Name" ON "Leaders" ("OrganizationId", "Name");

CREATE INDEX "IX_Plans_RegionId_Year" ON "Plans" ("RegionId", "Year");

CREATE UNIQUE INDEX "IX_Sections_PlanId_Ordinal" ON "Sections" ("PlanId", "Ordinal");

CREATE UNIQUE INDEX "IX_PlanTasks_SectionId_Ordinal" ON "PlanTasks" ("SectionId", "Ordinal");

CREATE UNIQUE INDEX "IX_Measures_TaskId_Ordinal" ON "Measures" ("TaskId", "Ordinal");

CREATE INDEX "IX_MeasureAssignments_LeaderId" ON "MeasureAssignments" ("LeaderId");

CREATE UNIQUE INDEX "IX_MeasureAssignments_MeasureId_Role_Ordinal" ON "MeasureAssignments" ("MeasureId", "Role", "Ordinal");

CREATE INDEX "IX_MeasureAssignments_OrganizationId" ON "MeasureAssignments" ("OrganizationId");

CREATE INDEX "IX_Targets_MeasureId" ON "Targets" ("MeasureId");

CREATE INDEX "IX_TargetOwners_OrganizationId" ON "TargetOwners" ("OrganizationId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261122000000_Initial', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "AspNetRoles" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NULL,
    "NormalizedName" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL
);

CREATE TABLE "AspNetUsers" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY AUTOINCREMENT,
    "OrganizationId" INTEGER NOT NULL,
    "LeaderId" INTEGER NULL,
    "DisplayName" TEXT NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" TEXT NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL,
    CONSTRAINT "FK_AspNetUsers_Leaders_LeaderId" FOREIGN KEY ("LeaderId") REFERENCES "Leaders" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_AspNetUsers_Organizations_OrganizationId" FOREIGN KEY ("OrganizationId") REFERENCES "Organizations" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "AspNetRoleClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
    "RoleId" INTEGER NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" INTEGER NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" INTEGER NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserRoles" (
    "UserId" INTEGER NOT NULL,
    "RoleId" INTEGER NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserTokens" (
    "UserId" INTEGER NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");

CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");

CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");

CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");

CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");

CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");

CREATE INDEX "IX_AspNetUsers_LeaderId" ON "AspNetUsers" ("LeaderId");

CREATE INDEX "IX_AspNetUsers_OrganizationId" ON "AspNetUsers" ("OrganizationId");

CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261122010000_Accounts', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "IndicatorImports" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_IndicatorImports" PRIMARY KEY AUTOINCREMENT,
    "Kind" TEXT NOT NULL,
    "Methodology" TEXT NULL,
    "FileName" TEXT NOT NULL,
    "Sha256" TEXT NOT NULL,
    "Rows" INTEGER NOT NULL,
    "ImportedAt" TEXT NOT NULL,
    "ImportedBy" TEXT NULL
);

CREATE TABLE "EiRecords" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_EiRecords" PRIMARY KEY AUTOINCREMENT,
    "RegionId" INTEGER NOT NULL,
    "Year" INTEGER NOT NULL,
    "Methodology" TEXT NOT NULL,
    "RestrictionLevel" INTEGER NOT NULL,
    "ImportId" INTEGER NOT NULL,
    CONSTRAINT "FK_EiRecords_IndicatorImports_ImportId" FOREIGN KEY ("ImportId") REFERENCES "IndicatorImports" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_EiRecords_Regions_RegionId" FOREIGN KEY ("RegionId") REFERENCES "Regions" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "EiSubIndexValues" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_EiSubIndexValues" PRIMARY KEY AUTOINCREMENT,
    "RecordId" INTEGER NOT NULL,
    "SubIndex" TEXT NOT NULL,
    "Value" TEXT NOT NULL,
    CONSTRAINT "FK_EiSubIndexValues_EiRecords_RecordId" FOREIGN KEY ("RecordId") REFERENCES "EiRecords" ("Id") ON DELETE CASCADE
);

CREATE TABLE "GepRQuantities" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_GepRQuantities" PRIMARY KEY AUTOINCREMENT,
    "RegionId" INTEGER NOT NULL,
    "Year" INTEGER NOT NULL,
    "Service" TEXT NOT NULL,
    "Item" TEXT NOT NULL,
    "Quantity" TEXT NOT NULL,
    "Unit" TEXT NOT NULL,
    "Source" TEXT NOT NULL,
    "ImportId" INTEGER NOT NULL,
    CONSTRAINT "FK_GepRQuantities_IndicatorImports_ImportId" FOREIGN KEY ("ImportId") REFERENCES "IndicatorImports" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_GepRQuantities_Regions_RegionId" FOREIGN KEY ("RegionId") REFERENCES "Regions" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "GepRPrices" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_GepRPrices" PRIMARY KEY AUTOINCREMENT,
    "PriceYear" INTEGER NOT NULL,
    "Service" TEXT NOT NULL,
    "Item" TEXT NOT NULL,
    "Price" TEXT NOT NULL,
    "Unit" TEXT NOT NULL,
    "Source" TEXT NOT NULL,
    "Confirmed" INTEGER NOT NULL,
    "Note" TEXT NULL,
    "ImportId" INTEGER NOT NULL,
    CONSTRAINT "FK_GepRPrices_IndicatorImports_ImportId" FOREIGN KEY ("ImportId") REFERENCES "IndicatorImports" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "TargetAchievements" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_TargetAchievements" PRIMARY KEY AUTOINCREMENT,
    "TargetId" INTEGER NOT NULL,
    "RegionId" INTEGER NOT NULL,
    "Year" INTEGER NOT NULL,
    "Value" TEXT NOT NULL,
    "Weight" TEXT NULL,
    "Source" TEXT NOT NULL,
    "EnteredAt" TEXT NOT NULL,
    "EnteredBy" TEXT NULL,
    CONSTRAINT "FK_TargetAchievements_Regions_RegionId" FOREIGN KEY ("RegionId") REFERENCES "Regions" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_TargetAchievements_Targets_TargetId" FOREIGN KEY ("TargetId") REFERENCES "Targets" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Notifications" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Notifications" PRIMARY KEY AUTOINCREMENT,
    "OrganizationId" INTEGER NOT NULL,
    "Key" TEXT NOT NULL,
    "Text" TEXT NOT NULL,
    "Link" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ReadAt" TEXT NULL,
    CONSTRAINT "FK_Notifications_Organizations_OrganizationId" FOREIGN KEY ("OrganizationId") REFERENCES "Organizations" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_EiRecords_ImportId" ON "EiRecords" ("ImportId");

CREATE UNIQUE INDEX "IX_EiRecords_Methodology_RegionId_Year" ON "EiRecords" ("Methodology", "RegionId", "Year");

CREATE INDEX "IX_EiRecords_RegionId" ON "EiRecords" ("RegionId");

CREATE UNIQUE INDEX "IX_EiSubIndexValues_RecordId_SubIndex" ON "EiSubIndexValues" ("RecordId", "SubIndex");

CREATE INDEX "IX_GepRQuantities_ImportId" ON "GepRQuantities" ("ImportId");

CREATE UNIQUE INDEX "IX_GepRQuantities_RegionId_Year_Service_Item" ON "GepRQuantities" ("RegionId", "Year", "Service", "Item");

CREATE INDEX "IX_GepRPrices_ImportId" ON "GepRPrices" ("ImportId");

CREATE UNIQUE INDEX "IX_GepRPrices_PriceYear_Service_Item" ON "GepRPrices" ("PriceYear", "Service", "Item");

CREATE INDEX "IX_TargetAchievements_RegionId" ON "TargetAchievements" ("RegionId");

CREATE UNIQUE INDEX "IX_TargetAchievements_TargetId_RegionId_Year" ON "TargetAchievements" ("TargetId", "RegionId", "Year");

CREATE UNIQUE INDEX "IX_Notifications_OrganizationId_Key" ON "Notifications" ("OrganizationId", "Key");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261122020000_Indicators', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Plans" ADD "ReportingFrequency" TEXT NOT NULL DEFAULT 'Monthly';

ALTER TABLE "Plans" ADD "ReportingDueDay" INTEGER NOT NULL DEFAULT 25;

CREATE TABLE "ProgressReports" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ProgressReports" PRIMARY KEY AUTOINCREMENT,
    "MeasureId" INTEGER NOT NULL,
    "OrganizationId" INTEGER NOT NULL,
    "Period" TEXT NOT NULL,
    "State" TEXT NOT NULL,
    "Revision" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_ProgressReports_Measures_MeasureId" FOREIGN KEY ("MeasureId") REFERENCES "Measures" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ProgressReports_Organizations_OrganizationId" FOREIGN KEY ("OrganizationId") REFERENCES "Organizations" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ReportVersions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ReportVersions" PRIMARY KEY AUTOINCREMENT,
    "ReportId" INTEGER NOT NULL,
    "Number" INTEGER NOT NULL,
    "Status" TEXT NOT NULL,
    "Percent" INTEGER NOT NULL,
    "Narrative" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "CreatedById" INTEGER NOT NULL,
    "SubmittedAt" TEXT NULL,
    "SubmittedById" INTEGER NULL,
    "ReviewedAt" TEXT NULL,
    "ReviewedById" INTEGER NULL,
    "ReturnReason" TEXT NULL,
    CONSTRAINT "FK_ReportVersions_ProgressReports_ReportId" FOREIGN KEY ("ReportId") REFERENCES "ProgressReports" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ReportQuantities" (
    "VersionId" INTEGER NOT NULL,
    "TargetId" INTEGER NOT NULL,
    "Value" TEXT NOT NULL,
    CONSTRAINT "PK_ReportQuantities" PRIMARY KEY ("VersionId", "TargetId"),
    CONSTRAINT "FK_ReportQuantities_ReportVersions_VersionId" FOREIGN KEY ("VersionId") REFERENCES "ReportVersions" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ReportQuantities_Targets_TargetId" FOREIGN KEY ("TargetId") REFERENCES "Targets" ("Id") ON DELETE CASCADE
);

CREATE TABLE "CooperationInputs" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CooperationInputs" PRIMARY KEY AUTOINCREMENT,
    "ReportId" INTEGER NOT NULL,
    "OrganizationId" INTEGER NOT NULL,
    "Text" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "CreatedById" INTEGER NOT NULL,
    CONSTRAINT "FK_CooperationInputs_Organizations_OrganizationId" FOREIGN KEY ("OrganizationId") REFERENCES "Organizations" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_CooperationInputs_ProgressReports_ReportId" FOREIGN KEY ("ReportId") REFERENCES "ProgressReports" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AuditEntries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AuditEntries" PRIMARY KEY AUTOINCREMENT,
    "At" TEXT NOT NULL,
    "UserId" INTEGER NULL,
    "UserName" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "MeasureId" INTEGER NULL,
    "ReportId" INTEGER NULL,
    "Details" TEXT NOT NULL
);

CREATE UNIQUE INDEX "IX_ProgressReports_MeasureId_OrganizationId_Period" ON "ProgressReports" ("MeasureId", "OrganizationId", "Period");

CREATE INDEX "IX_ProgressReports_OrganizationId_Period" ON "ProgressReports" ("OrganizationId", "Period");

CREATE UNIQUE INDEX "IX_ReportVersions_ReportId_Number" ON "ReportVersions" ("ReportId", "Number");

CREATE INDEX "IX_ReportQuantities_TargetId" ON "ReportQuantities" ("TargetId");

CREATE INDEX "IX_CooperationInputs_OrganizationId" ON "CooperationInputs" ("OrganizationId");

CREATE INDEX "IX_CooperationInputs_ReportId" ON "CooperationInputs" ("ReportId");

CREATE INDEX "IX_AuditEntries_MeasureId_At" ON "AuditEntries" ("MeasureId", "At");

CREATE INDEX "IX_AuditEntries_ReportId" ON "AuditEntries" ("ReportId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261122030000_Progress', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "ReportAttachments" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ReportAttachments" PRIMARY KEY AUTOINCREMENT,
    "ReportId" INTEGER NOT NULL,
    "VersionNumber" INTEGER NOT NULL,
    "FileName" TEXT NOT NULL,
    "ContentType" TEXT NOT NULL,
    "Length" INTEGER NOT NULL,
    "Sha256" TEXT NOT NULL,
    "UploadedAt" TEXT NOT NULL,
    "UploadedById" INTEGER NOT NULL,
    CONSTRAINT "FK_ReportAttachments_ProgressReports_ReportId" FOREIGN KEY ("ReportId") REFERENCES "ProgressReports" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_ReportAttachments_ReportId" ON "ReportAttachments" ("ReportId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261122040000_Attachments', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "MethodologyWeights" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_MethodologyWeights" PRIMARY KEY AUTOINCREMENT,
    "Methodology" TEXT NOT NULL,
    "Source" TEXT NOT NULL,
    "FileName" TEXT NOT NULL,
    "Sha256" TEXT NOT NULL,
    "Content" TEXT NOT NULL,
    "UploadedAt" TEXT NOT NULL,
    "UploadedBy" TEXT NOT NULL
);

CREATE INDEX "IX_MethodologyWeights_Methodology" ON "MethodologyWeights" ("Methodology");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261122050000_MethodologyWeights', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Plans" ADD "ContentRevision" INTEGER NOT NULL DEFAULT 0;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261122060000_PlanContentRevision', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Notifications" ADD "Cause" TEXT NULL;

ALTER TABLE "Notifications" ADD "ResolvedAt" TEXT NULL;

CREATE INDEX "IX_Notifications_Cause" ON "Notifications" ("Cause");

UPDATE "Notifications" SET "ResolvedAt" = "CreatedAt" WHERE "Key" LIKE 'remind:%';

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261201010000_NoticeInbox', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "OrganizationMerges" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_OrganizationMerges" PRIMARY KEY AUTOINCREMENT,
    "SourceId" INTEGER NOT NULL,
    "SourceName" TEXT NOT NULL,
    "SourceKind" TEXT NOT NULL,
    "SourceRegionId" INTEGER NOT NULL,
    "SourceParentId" INTEGER NULL,
    "TargetId" INTEGER NOT NULL,
    "TargetName" TEXT NOT NULL,
    "Moves" TEXT NOT NULL,
    "MergedAt" TEXT NOT NULL,
    "MergedBy" TEXT NOT NULL,
    "UndoneAt" TEXT NULL,
    "UndoneBy" TEXT NULL
);

CREATE INDEX "IX_OrganizationMerges_SourceId" ON "OrganizationMerges" ("SourceId");

CREATE INDEX "IX_OrganizationMerges_TargetId" ON "OrganizationMerges" ("TargetId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261201020000_OrganizationMerges', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "IndicatorImports" ADD "SourceLabel" TEXT NULL;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261201040000_IndicatorSourceLabel', '10.0.14');

COMMIT;

