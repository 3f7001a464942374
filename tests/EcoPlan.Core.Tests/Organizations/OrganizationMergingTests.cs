using EcoPlan.Core.Import;
using EcoPlan.Core.Notifications;
using EcoPlan.Core.Organizations;
using EcoPlan.Core.Progress;
using EcoPlan.Core.Tests.Import;

namespace EcoPlan.Core.Tests.Organizations;

/// <summary>
/// The wrong click of issue 10: 区园林绿化局 merged into 区水务局 on the imported Tongzhou plan, with an account, a report, a
/// cooperation input, notices and an alias of its own. Preview counts it, a stale preview is refused, undo gives every row back.
/// </summary>
public sealed class OrganizationMergingTests
{
    private const string Forestry = "北京市通州区园林绿化局";
    private const string Water = "北京市通州区水务局";

    [ProviderTheory]
    public async Task Merge_ThenUndo_RestoresTheUnitAndEveryMovedRow(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var (forestry, water) = await SetUpAsync(database);
        var before = await SnapshotAsync(database);

        MergePreview preview;
        await using (var db = database.NewContext())
        {
            var merging = new OrganizationMerging(db, TimeProvider.System);
            preview = (await merging.PreviewAsync(Merges.Admin, forestry, water)).Value!;
            var merged = await merging.MergeAsync(Merges.Admin, forestry, water, preview.Fingerprint);
            Assert.True(merged.Succeeded, merged.Error?.Message);
        }

        var forestryAssignments = before.Count(r => r.StartsWith("assignment:", StringComparison.Ordinal) && r.EndsWith($"→{forestry}", StringComparison.Ordinal));
        Assert.True(forestryAssignments > 5, $"the sample gives 区园林绿化局 {forestryAssignments} assignments");
        Assert.Equal(forestryAssignments, preview.Assignments);
        Assert.Equal((1, 1, 2, 1), (preview.Reports, preview.CooperationInputs, preview.Notices, preview.Users));
        Assert.Contains("通州园林", preview.AliasesAdded);
        Assert.Contains(Forestry, preview.AliasesAdded);
        Assert.Empty(preview.Blockers);
        await using (var db = database.NewContext())
        {
            Assert.False(await db.Organizations.AnyAsync(o => o.Id == forestry));
            Assert.Equal(0, await db.MeasureAssignments.CountAsync(a => a.OrganizationId == forestry));
            Assert.Equal(1, await db.ProgressReports.CountAsync(r => r.OrganizationId == water));
            Assert.True(await db.OrganizationAliases.AnyAsync(a => a.OrganizationId == water && a.Name == Forestry));
            Assert.Equal("survivor's copy", (await db.Notifications.SingleAsync(n => n.Key == "shared")).Text);
        }

        int mergeId;
        await using (var db = database.NewContext())
        {
            var history = await new OrganizationMerging(db, TimeProvider.System).HistoryAsync(water);
            mergeId = Assert.Single(history).Id;
            var undone = await new OrganizationMerging(db, TimeProvider.System).UndoAsync(Merges.Admin, mergeId);
            Assert.True(undone.Succeeded, undone.Error?.Message);
            Assert.Equal(forestry, undone.Value);
        }

        Assert.Equal(before, await SnapshotAsync(database));
        await using (var db = database.NewContext())
        {
            var again = await new OrganizationMerging(db, TimeProvider.System).UndoAsync(Merges.Admin, mergeId);
            Assert.IsType<UseCaseError.Conflict>(again.Error);
            Assert.NotNull((await db.OrganizationMerges.SingleAsync()).UndoneAt);
        }
    }

    [ProviderTheory]
    public async Task Merge_WithAStalePreview_IsRefusedAsAConflictAndChangesNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var (forestry, water) = await SetUpAsync(database);
        string fingerprint;
        await using (var db = database.NewContext())
        {
            fingerprint = (await new OrganizationMerging(db, TimeProvider.System).PreviewAsync(Merges.Admin, forestry, water)).Value!.Fingerprint;
            // Between preview and confirm the unit gets another notice: the person has not seen it move.
            db.Notifications.Add(new Notification { OrganizationId = forestry, Key = "later", Text = "arrived after the preview", CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        var before = await SnapshotAsync(database);
        await using (var db = database.NewContext())
        {
            var merging = new OrganizationMerging(db, TimeProvider.System);
            var stale = await merging.MergeAsync(Merges.Admin, forestry, water, fingerprint);
            var none = await merging.MergeAsync(Merges.Admin, forestry, water, null);

            Assert.IsType<UseCaseError.Conflict>(stale.Error);
            Assert.IsType<UseCaseError.Conflict>(none.Error);
            Assert.Contains("changed after the preview", stale.Error?.Message, StringComparison.Ordinal);
        }

        Assert.Equal(before, await SnapshotAsync(database));
        await using var reader = database.NewContext();
        Assert.Empty(await reader.OrganizationMerges.ToListAsync());
    }

    [ProviderTheory]
    public async Task Merge_AndUndo_ByAUserOutsideTheRegion_AreRefused(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var (forestry, water) = await SetUpAsync(database);
        await using var db = database.NewContext();
        var beijing = await db.Regions.SingleAsync(r => r.Code == "110000");
        var tongzhou = await db.Regions.SingleAsync(r => r.Code == "110112");
        var city = Merges.Coordinator(1, beijing.Id, beijing.Code);
        var unit = new UserAccess(3, "ylj", Roles.Unit, forestry, Forestry, tongzhou.Id, tongzhou.Code, null);
        var merging = new OrganizationMerging(db, TimeProvider.System);
        var fingerprint = (await merging.PreviewAsync(Merges.Admin, forestry, water)).Value!.Fingerprint;

        var cityPreview = await merging.PreviewAsync(city, forestry, water);
        var cityMerge = await merging.MergeAsync(city, forestry, water, fingerprint);
        var unitMerge = await merging.MergeAsync(unit, forestry, water, fingerprint);

        Assert.IsType<UseCaseError.Forbidden>(cityPreview.Error);
        Assert.Contains("通州区", cityPreview.Error?.Message, StringComparison.Ordinal);
        Assert.IsType<UseCaseError.Forbidden>(cityMerge.Error);
        Assert.IsType<UseCaseError.Forbidden>(unitMerge.Error);
        Assert.True(await db.Organizations.AnyAsync(o => o.Id == forestry));

        var byTongzhou = await merging.MergeAsync(Merges.Coordinator(water, tongzhou.Id, tongzhou.Code), forestry, water, fingerprint);
        Assert.True(byTongzhou.Succeeded, byTongzhou.Error?.Message);
        Assert.IsType<UseCaseError.Forbidden>((await merging.UndoAsync(city, byTongzhou.Value)).Error);
        Assert.IsType<UseCaseError.Forbidden>((await merging.UndoPreviewAsync(unit, byTongzhou.Value)).Error);
        Assert.False(await db.Organizations.AnyAsync(o => o.Id == forestry));
    }

    [ProviderTheory]
    public async Task Undo_AfterTheTargetReportedOnAMovedMeasure_IsRefusedWithTheReason(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var (forestry, water) = await SetUpAsync(database);
        int mergeId;
        await using (var db = database.NewContext())
        {
            // A measure only 区园林绿化局 answers for: after the merge 区水务局 does, and reports on it.
            var movedMeasure = await db.MeasureAssignments
                .Where(a => a.OrganizationId == forestry && a.Role == Plans.AssignmentRole.Responsible)
                .Where(a => !db.MeasureAssignments.Any(o => o.MeasureId == a.MeasureId && o.OrganizationId == water) && !db.ProgressReports.Any(r => r.MeasureId == a.MeasureId))
                .Select(a => a.MeasureId).FirstAsync();
            mergeId = (await Merges.PreviewAndMergeAsync(db, forestry, water)).Value;
            db.ProgressReports.Add(new ProgressReport { MeasureId = movedMeasure, OrganizationId = water, Period = new DateOnly(2026, 7, 1), CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        var before = await SnapshotAsync(database);
        await using (var db = database.NewContext())
        {
            var merging = new OrganizationMerging(db, TimeProvider.System);
            var check = await merging.UndoPreviewAsync(Merges.Admin, mergeId);
            var undo = await merging.UndoAsync(Merges.Admin, mergeId);

            Assert.IsType<UseCaseError.Conflict>(check.Error);
            Assert.IsType<UseCaseError.Conflict>(undo.Error);
            Assert.Contains("new progress reports", undo.Error?.Message, StringComparison.Ordinal);
        }

        Assert.Equal(before, await SnapshotAsync(database));
    }

    [ProviderTheory]
    public async Task Merge_WhenBothUnitsReportedTheSamePeriod_IsBlockedWithTheReason(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var (forestry, water) = await SetUpAsync(database);
        await using var db = database.NewContext();
        var report = await db.ProgressReports.SingleAsync(r => r.OrganizationId == forestry);
        db.ProgressReports.Add(new ProgressReport { MeasureId = report.MeasureId, OrganizationId = water, Period = report.Period, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow });
        await db.SaveChangesAsync();
        var merging = new OrganizationMerging(db, TimeProvider.System);

        var preview = (await merging.PreviewAsync(Merges.Admin, forestry, water)).Value!;
        var merge = await merging.MergeAsync(Merges.Admin, forestry, water, preview.Fingerprint);

        Assert.Contains(preview.Blockers, b => b.Contains("2026-06", StringComparison.Ordinal));
        Assert.IsType<UseCaseError.Invalid>(merge.Error);
        Assert.True(await db.Organizations.AnyAsync(o => o.Id == forestry));
    }

    [ProviderTheory]
    public async Task Undo_ClickedTwiceAtOnce_UndoesOnceAndRefusesTheSecondAsAConflict(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var (forestry, water) = await SetUpAsync(database);
        var before = await SnapshotAsync(database);
        int mergeId;
        await using (var db = database.NewContext())
        {
            mergeId = (await Merges.PreviewAndMergeAsync(db, forestry, water)).Value;
        }

        // Two requests, each with its own context and connection, as two clicks on the undo button are.
        await using var first = database.NewContext();
        await using var second = database.NewContext();
        var results = await Task.WhenAll(
            new OrganizationMerging(first, TimeProvider.System).UndoAsync(Merges.Admin, mergeId),
            new OrganizationMerging(second, TimeProvider.System).UndoAsync(Merges.Admin, mergeId));

        Assert.Single(results, r => r.Succeeded);
        var refused = Assert.Single(results, r => !r.Succeeded);
        Assert.IsType<UseCaseError.Conflict>(refused.Error);
        Assert.Contains("was undone on", refused.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(database));
    }

    [ProviderTheory]
    public async Task Merge_ConfirmedTwiceAtOnce_MergesOnceAndRefusesTheSecond(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var (forestry, water) = await SetUpAsync(database);
        string fingerprint;
        await using (var db = database.NewContext())
        {
            fingerprint = (await new OrganizationMerging(db, TimeProvider.System).PreviewAsync(Merges.Admin, forestry, water)).Value!.Fingerprint;
        }

        await using var first = database.NewContext();
        await using var second = database.NewContext();
        var results = await Task.WhenAll(
            new OrganizationMerging(first, TimeProvider.System).MergeAsync(Merges.Admin, forestry, water, fingerprint),
            new OrganizationMerging(second, TimeProvider.System).MergeAsync(Merges.Admin, forestry, water, fingerprint));

        Assert.Single(results, r => r.Succeeded);
        Assert.IsType<UseCaseError.NotFound>(Assert.Single(results, r => !r.Succeeded).Error);
        await using var reader = database.NewContext();
        Assert.Single(await reader.OrganizationMerges.ToListAsync());
        Assert.False(await reader.Organizations.AnyAsync(o => o.Id == forestry));
    }

    [ProviderTheory]
    public async Task Merge_IntoASubunitOfTheSource_IsBlockedAndChangesNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var (forestry, water) = await SetUpAsync(database);
        await using (var db = database.NewContext())
        {
            // 区水务局 under 区园林绿化局, and a station under 区水务局: merging the parent into either would make a loop.
            var bureau = await db.Organizations.SingleAsync(o => o.Id == water);
            bureau.ParentId = forestry;
            db.Organizations.Add(new Organization { Name = "北京市通州区水务局排水所", RegionId = bureau.RegionId, ParentId = water });
            await db.SaveChangesAsync();
        }

        var before = await SnapshotAsync(database);
        await using (var db = database.NewContext())
        {
            var station = await db.Organizations.Where(o => o.Name == "北京市通州区水务局排水所").Select(o => o.Id).SingleAsync();
            var merging = new OrganizationMerging(db, TimeProvider.System);
            foreach (var target in new[] { water, station })
            {
                var preview = (await merging.PreviewAsync(Merges.Admin, forestry, target)).Value!;
                var merge = await merging.MergeAsync(Merges.Admin, forestry, target, preview.Fingerprint);

                Assert.Contains(preview.Blockers, b => b.Contains("subunit of 北京市通州区园林绿化局", StringComparison.Ordinal));
                Assert.IsType<UseCaseError.Invalid>(merge.Error);
            }

            // The other way round is a merge like any other: the subunit goes, its own subunit moves up to the parent.
            var up = await Merges.PreviewAndMergeAsync(db, water, forestry);
            Assert.True(up.Succeeded, up.Error?.Message);
            Assert.Equal(forestry, await db.Organizations.Where(o => o.Name == "北京市通州区水务局排水所").Select(o => o.ParentId).SingleAsync());
        }

        await using (var db = database.NewContext())
        {
            var mergeId = (await db.OrganizationMerges.SingleAsync()).Id;
            Assert.True((await new OrganizationMerging(db, TimeProvider.System).UndoAsync(Merges.Admin, mergeId)).Succeeded);
        }

        Assert.Equal(before, await SnapshotAsync(database));
    }

    /// <summary>The Tongzhou sample imported, and 区园林绿化局 given an account, an alias, a report with a cooperation input, and notices (one 区水务局 has too).</summary>
    private static async Task<(int Forestry, int Water)> SetUpAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        var document = await PlanDocumentReader.ReadAsync(RepoFiles.PathOf(RepoFiles.Tongzhou));
        await new PlanImporter(db, TimeProvider.System).ImportAsync(document, new ImportDecisions());
        var forestry = await db.Organizations.SingleAsync(o => o.Name == Forestry);
        var water = await db.Organizations.SingleAsync(o => o.Name == Water);
        db.OrganizationAliases.Add(new OrganizationAlias { OrganizationId = forestry.Id, Name = "通州园林" });
        var user = new EcoPlanUser { UserName = "ylj", NormalizedUserName = "YLJ", OrganizationId = forestry.Id };
        db.Users.Add(user);
        var measure = await db.MeasureAssignments.Where(a => a.OrganizationId == forestry.Id && a.Role == Plans.AssignmentRole.Responsible).Select(a => a.MeasureId).FirstAsync();
        var report = new ProgressReport { MeasureId = measure, OrganizationId = forestry.Id, Period = new DateOnly(2026, 6, 1), State = ReportState.Submitted, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
        db.ProgressReports.Add(report);
        await db.SaveChangesAsync();
        db.CooperationInputs.Add(new CooperationInput { ReportId = report.Id, OrganizationId = forestry.Id, Text = "协办意见", CreatedAt = DateTime.UtcNow, CreatedById = user.Id });
        var at = new DateTime(2026, 6, 2, 8, 0, 0, DateTimeKind.Utc);
        db.Notifications.AddRange(
            new Notification { OrganizationId = forestry.Id, Key = "shared", Text = "duplicate's copy", CreatedAt = at },
            new Notification { OrganizationId = forestry.Id, Key = "own", Text = "only forestry's", CreatedAt = at, ReadAt = at },
            new Notification { OrganizationId = water.Id, Key = "shared", Text = "survivor's copy", CreatedAt = at });
        await db.SaveChangesAsync();
        return (forestry.Id, water.Id);
    }

    /// <summary>Every row that names a unit, as text: equal snapshots mean nothing moved.</summary>
    private static async Task<List<string>> SnapshotAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        var rows = new List<string>();
        rows.AddRange((await db.Organizations.Select(o => new { o.Id, o.Name, o.Kind, o.RegionId, o.ParentId }).ToListAsync()).Select(o => $"unit:{o.Id}:{o.Name}:{o.Kind}:{o.RegionId}:{o.ParentId}"));
        rows.AddRange((await db.OrganizationAliases.Select(a => new { a.Id, a.OrganizationId, a.Name }).ToListAsync()).Select(a => $"alias:{a.Id}:{a.Name}→{a.OrganizationId}"));
        rows.AddRange((await db.MeasureAssignments.Select(a => new { a.Id, a.OrganizationId, a.LeaderId }).ToListAsync()).Select(a => $"assignment:{a.Id}:{a.LeaderId}→{a.OrganizationId}"));
        rows.AddRange((await db.TargetOwners.Select(o => new { o.TargetId, o.OrganizationId }).ToListAsync()).Select(o => $"owner:{o.TargetId}→{o.OrganizationId}"));
        rows.AddRange((await db.Leaders.Select(l => new { l.Id, l.OrganizationId }).ToListAsync()).Select(l => $"leader:{l.Id}→{l.OrganizationId}"));
        rows.AddRange((await db.Users.Select(u => new { u.Id, u.OrganizationId }).ToListAsync()).Select(u => $"user:{u.Id}→{u.OrganizationId}"));
        rows.AddRange((await db.ProgressReports.Select(r => new { r.Id, r.OrganizationId }).ToListAsync()).Select(r => $"report:{r.Id}→{r.OrganizationId}"));
        rows.AddRange((await db.CooperationInputs.Select(c => new { c.Id, c.OrganizationId }).ToListAsync()).Select(c => $"cooperation:{c.Id}→{c.OrganizationId}"));
        rows.AddRange((await db.Notifications.Select(n => new { n.Id, n.OrganizationId, n.Key, n.Text, n.ReadAt }).ToListAsync()).Select(n => $"notice:{n.Id}:{n.Key}:{n.Text}:{n.ReadAt:O}→{n.OrganizationId}"));
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }
}
