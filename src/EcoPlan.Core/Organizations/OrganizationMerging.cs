using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EcoPlan.Core.Plans;

namespace EcoPlan.Core.Organizations;

/// <summary>
/// What merging <see cref="SourceName"/> into <see cref="TargetName"/> would move, counted, with what blocks it. The
/// <see cref="Fingerprint"/> stands for exactly these rows: a confirm carrying an older fingerprint is refused.
/// </summary>
public sealed record MergePreview(
    int SourceId,
    string SourceName,
    int TargetId,
    string TargetName,
    int Measures,
    int Assignments,
    int Reports,
    int CooperationInputs,
    int Notices,
    int Users,
    int Leaders,
    int ChildUnits,
    int TargetOwners,
    IReadOnlyList<string> Plans,
    IReadOnlyList<string> AliasesAdded,
    IReadOnlyList<string> Blockers,
    string Fingerprint);

/// <summary>One entry of a unit's merge history: a unit merged into it, and whether the merge was undone.</summary>
public sealed record MergeHistoryEntry(int Id, int SourceId, string SourceName, int SourceRegionId, int TargetId, string TargetName, DateTime MergedAt, string MergedBy,
    DateTime? UndoneAt, string? UndoneBy, int Assignments, int Reports, int Notices, int Users, int Aliases);

/// <summary>
/// Merging a duplicate unit into the real entry, in three steps that no single click can skip: <see cref="PreviewAsync"/>
/// counts what would move and gives a fingerprint of it; <see cref="MergeAsync"/> merges only if the directory still
/// matches that fingerprint, and records every moved row in an <see cref="OrganizationMerge"/>; <see cref="UndoAsync"/>
/// restores the removed unit with its id and aliases and moves exactly those rows back, unless a later change makes that unsafe.
/// Only admins and the coordinators of both units' regions may merge or undo.
/// </summary>
public sealed class OrganizationMerging(EcoPlanDbContext db, TimeProvider time)
{
    public async Task<UseCaseResult<MergePreview>> PreviewAsync(UserAccess user, int sourceId, int targetId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await CheckAsync(user, sourceId, targetId, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        return (await BuildPreviewAsync(sourceId, targetId, cancellationToken));
    }

    /// <summary>Merges as previewed: refused as a conflict when <paramref name="fingerprint"/> is not the current preview's.</summary>
    public async Task<UseCaseResult<int>> MergeAsync(UserAccess user, int sourceId, int targetId, string? fingerprint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync<UseCaseResult<int>>(async () =>
        {
            // The checks and the preview are taken inside the transaction, both units locked first: a second click waits
            // for the first and then finds the source gone (not found) rather than failing half-way.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await LockAsync(db.Organizations.Where(o => o.Id == sourceId || o.Id == targetId), cancellationToken);
            if (await CheckAsync(user, sourceId, targetId, cancellationToken) is { } refusal)
            {
                return refusal;
            }

            var (preview, moves) = await CollectAsync(sourceId, targetId, cancellationToken);
            // A stale preview first: what blocks the merge now is then shown by the preview the user is sent back to.
            if (!string.Equals(preview.Fingerprint, fingerprint, StringComparison.Ordinal))
            {
                return new UseCaseError.Conflict(CoreText.Get("MergeStale"));
            }

            if (preview.Blockers.Count > 0)
            {
                return new UseCaseError.Invalid(string.Join("；", preview.Blockers));
            }

            var source = await db.Organizations.SingleAsync(o => o.Id == sourceId, cancellationToken);
            await PlanRevisions.StampPlansNamingAsync(db, [sourceId], cancellationToken);
            await db.MeasureAssignments.Where(a => moves.Assignments.Contains(a.Id)).ExecuteUpdateAsync(s => s.SetProperty(a => a.OrganizationId, targetId), cancellationToken);
            await db.TargetOwners.Where(o => o.OrganizationId == sourceId && moves.TargetOwnersDropped.Contains(o.TargetId)).ExecuteDeleteAsync(cancellationToken);
            await db.TargetOwners.Where(o => o.OrganizationId == sourceId && moves.TargetOwners.Contains(o.TargetId)).ExecuteUpdateAsync(s => s.SetProperty(o => o.OrganizationId, targetId), cancellationToken);
            await db.Leaders.Where(l => moves.Leaders.Contains(l.Id)).ExecuteUpdateAsync(s => s.SetProperty(l => l.OrganizationId, targetId), cancellationToken);
            await db.Users.Where(u => moves.Users.Contains(u.Id)).ExecuteUpdateAsync(s => s.SetProperty(u => u.OrganizationId, targetId), cancellationToken);
            await db.Organizations.Where(o => moves.ChildUnits.Contains(o.Id)).ExecuteUpdateAsync(s => s.SetProperty(o => o.ParentId, targetId), cancellationToken);
            await db.ProgressReports.Where(r => moves.Reports.Contains(r.Id)).ExecuteUpdateAsync(s => s.SetProperty(r => r.OrganizationId, targetId), cancellationToken);
            await db.CooperationInputs.Where(c => moves.CooperationInputs.Contains(c.Id)).ExecuteUpdateAsync(s => s.SetProperty(c => c.OrganizationId, targetId), cancellationToken);
            var dropped = moves.NotificationsDropped.Select(n => n.Id).ToList();
            await db.Notifications.Where(n => dropped.Contains(n.Id)).ExecuteDeleteAsync(cancellationToken);
            await db.Notifications.Where(n => moves.Notifications.Contains(n.Id)).ExecuteUpdateAsync(s => s.SetProperty(n => n.OrganizationId, targetId), cancellationToken);

            // The source's aliases go with it (cascade); its names live on as the target's aliases.
            db.Organizations.Remove(source);
            await db.SaveChangesAsync(cancellationToken);
            db.OrganizationAliases.AddRange(moves.AliasesAdded.Select(name => new OrganizationAlias { OrganizationId = targetId, Name = name }));
            var record = new OrganizationMerge
            {
                SourceId = source.Id,
                SourceName = source.Name,
                SourceKind = source.Kind,
                SourceRegionId = source.RegionId,
                SourceParentId = source.ParentId,
                TargetId = targetId,
                TargetName = preview.TargetName,
                Moves = JsonSerializer.Serialize(moves),
                MergedAt = time.GetUtcNow().UtcDateTime,
                MergedBy = user.UserName,
            };
            db.OrganizationMerges.Add(record);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return record.Id;
        });
    }

    /// <summary>The merges into <paramref name="organizationId"/> (and the merge that removed it, if any), newest first.</summary>
    public async Task<List<MergeHistoryEntry>> HistoryAsync(int organizationId, CancellationToken cancellationToken = default)
    {
        var merges = await db.OrganizationMerges.AsNoTracking()
            .Where(m => m.TargetId == organizationId || m.SourceId == organizationId)
            .OrderByDescending(m => m.MergedAt).ThenByDescending(m => m.Id)
            .ToListAsync(cancellationToken);
        return [.. merges.Select(ToEntry)];
    }

    /// <summary>
    /// Restores the removed unit (same id, name, kind, region, parent, aliases) and moves back exactly the rows the merge
    /// moved. Refused, changing nothing, when the target is gone, the name or id is taken, a moved row has since changed
    /// hands, or the target has reported on a moved measure since (those reports would lose their unit).
    /// </summary>
    public async Task<UseCaseResult<int>> UndoAsync(UserAccess user, int mergeId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync<UseCaseResult<int>>(async () =>
        {
            // The merge record is locked before it is checked: a second click waits for the first undo and is then
            // refused as already undone, instead of restoring the unit twice.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await LockAsync(db.OrganizationMerges.Where(m => m.Id == mergeId), cancellationToken);
            var (refusal, merge, moves) = await CheckUndoAsync(user, mergeId, cancellationToken);
            if (refusal is not null)
            {
                return refusal;
            }

            var sourceId = merge!.SourceId;
            var targetId = merge.TargetId;
            var moved = moves!;
            db.Organizations.Add(new Organization
            {
                Id = sourceId,
                Name = merge.SourceName,
                Kind = merge.SourceKind,
                RegionId = merge.SourceRegionId,
                ParentId = merge.SourceParentId,
                Aliases = [.. moved.SourceAliases.Select(a => new OrganizationAlias { Id = a.Id, Name = a.Name })],
            });
            await db.OrganizationAliases.Where(a => a.OrganizationId == targetId && moved.AliasesAdded.Contains(a.Name)).ExecuteDeleteAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);

            await db.MeasureAssignments.Where(a => moved.Assignments.Contains(a.Id)).ExecuteUpdateAsync(s => s.SetProperty(a => a.OrganizationId, sourceId), cancellationToken);
            await db.TargetOwners.Where(o => o.OrganizationId == targetId && moved.TargetOwners.Contains(o.TargetId)).ExecuteUpdateAsync(s => s.SetProperty(o => o.OrganizationId, sourceId), cancellationToken);
            var ownedStill = await db.Targets.Where(t => moved.TargetOwnersDropped.Contains(t.Id)).Select(t => t.Id).ToListAsync(cancellationToken);
            db.TargetOwners.AddRange(ownedStill.Select(id => new TargetOwner { TargetId = id, OrganizationId = sourceId }));
            await db.Leaders.Where(l => moved.Leaders.Contains(l.Id)).ExecuteUpdateAsync(s => s.SetProperty(l => l.OrganizationId, sourceId), cancellationToken);
            await db.Users.Where(u => moved.Users.Contains(u.Id)).ExecuteUpdateAsync(s => s.SetProperty(u => u.OrganizationId, sourceId), cancellationToken);
            await db.Organizations.Where(o => moved.ChildUnits.Contains(o.Id) && o.ParentId == targetId).ExecuteUpdateAsync(s => s.SetProperty(o => o.ParentId, sourceId), cancellationToken);
            await db.ProgressReports.Where(r => moved.Reports.Contains(r.Id)).ExecuteUpdateAsync(s => s.SetProperty(r => r.OrganizationId, sourceId), cancellationToken);
            await db.CooperationInputs.Where(c => moved.CooperationInputs.Contains(c.Id)).ExecuteUpdateAsync(s => s.SetProperty(c => c.OrganizationId, sourceId), cancellationToken);
            await db.Notifications.Where(n => moved.Notifications.Contains(n.Id) && n.OrganizationId == targetId).ExecuteUpdateAsync(s => s.SetProperty(n => n.OrganizationId, sourceId), cancellationToken);
            db.Notifications.AddRange(moved.NotificationsDropped.Select(n => new Notifications.Notification
            {
                Id = n.Id, OrganizationId = sourceId, Key = n.Key, Text = n.Text, Link = n.Link, CreatedAt = n.CreatedAt, ReadAt = n.ReadAt,
            }));
            await PlanRevisions.StampPlansNamingAsync(db, [sourceId], cancellationToken);

            merge.UndoneAt = time.GetUtcNow().UtcDateTime;
            merge.UndoneBy = user.UserName;
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return sourceId;
        });
    }

    /// <summary>Whether <paramref name="user"/> may undo the merge now: the merge when so, else why not (nothing is changed either way).</summary>
    public async Task<UseCaseResult<MergeHistoryEntry>> UndoPreviewAsync(UserAccess user, int mergeId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var (refusal, merge, _) = await CheckUndoAsync(user, mergeId, cancellationToken);
        return refusal is null ? ToEntry(merge!) : refusal;
    }

    /// <summary>
    /// Takes the write lock on the rows (a no-op update): PostgreSQL makes a concurrent transaction wait on them until this one
    /// ends, and the first write takes SQLite's database lock, so the checks that follow see what the other one did.
    /// </summary>
    private static Task<int> LockAsync(IQueryable<Organization> rows, CancellationToken cancellationToken) =>
        rows.ExecuteUpdateAsync(s => s.SetProperty(o => o.Name, o => o.Name), cancellationToken);

    private static Task<int> LockAsync(IQueryable<OrganizationMerge> rows, CancellationToken cancellationToken) =>
        rows.ExecuteUpdateAsync(s => s.SetProperty(m => m.MergedBy, m => m.MergedBy), cancellationToken);

    private async Task<(UseCaseError? Refusal, OrganizationMerge? Merge, MergeMoves? Moves)> CheckUndoAsync(UserAccess user, int mergeId, CancellationToken cancellationToken)
    {
        static (UseCaseError?, OrganizationMerge?, MergeMoves?) Refuse(UseCaseError error) => (error, null, null);

        var merge = await db.OrganizationMerges.SingleOrDefaultAsync(m => m.Id == mergeId, cancellationToken);
        if (merge is null)
        {
            return Refuse(new UseCaseError.NotFound(CoreText.Get("MergeRecordNotFound")));
        }

        var target = await db.Organizations.AsNoTracking().Where(o => o.Id == merge.TargetId).Select(o => new { o.RegionId, Region = o.Region!.Name }).SingleOrDefaultAsync(cancellationToken);
        var sourceRegion = await db.Regions.AsNoTracking().Where(r => r.Id == merge.SourceRegionId).Select(r => r.Name).SingleAsync(cancellationToken);
        if (!user.CanManagePlansOf(merge.SourceRegionId))
        {
            return Refuse(new UseCaseError.Forbidden(CoreText.Get("MergeForbidden", merge.SourceName, sourceRegion)));
        }

        if (target is not null && !user.CanManagePlansOf(target.RegionId))
        {
            return Refuse(new UseCaseError.Forbidden(CoreText.Get("MergeForbidden", merge.TargetName, target.Region)));
        }

        if (merge.UndoneAt is { } undoneAt)
        {
            return Refuse(new UseCaseError.Conflict(CoreText.Get("UndoAlready", undoneAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), merge.UndoneBy)));
        }

        if (target is null)
        {
            return Refuse(new UseCaseError.Conflict(CoreText.Get("UndoTargetGone", merge.TargetName)));
        }

        var moves = JsonSerializer.Deserialize<MergeMoves>(merge.Moves) ?? new MergeMoves();
        return await UnsafeUndoAsync(merge, moves, cancellationToken) is { } reason
            ? Refuse(new UseCaseError.Conflict(reason))
            : (null, merge, moves);
    }

    private async Task<string?> UnsafeUndoAsync(OrganizationMerge merge, MergeMoves moves, CancellationToken cancellationToken)
    {
        var targetId = merge.TargetId;
        if (await db.Organizations.AnyAsync(o => o.Id == merge.SourceId, cancellationToken))
        {
            return CoreText.Get("UndoIdTaken", merge.SourceId);
        }

        if (await db.Organizations.AnyAsync(o => o.Name == merge.SourceName, cancellationToken))
        {
            return CoreText.Get("UndoNameTaken", merge.SourceName);
        }

        var aliasIds = moves.SourceAliases.Select(a => a.Id).ToList();
        if (await db.OrganizationAliases.AnyAsync(a => aliasIds.Contains(a.Id), cancellationToken))
        {
            return CoreText.Get("UndoIdTaken", merge.SourceId);
        }

        if (merge.SourceParentId is { } parent && !await db.Organizations.AnyAsync(o => o.Id == parent, cancellationToken))
        {
            return CoreText.Get("UndoChanged", merge.TargetName, CoreText.Get("MovedParent"));
        }

        // Every moved row must still be the target's: one that has changed hands since would be taken from its new owner.
        var stillThere = new (string What, List<int> Ids, Func<Task<int>> Count)[]
        {
            (CoreText.Get("MovedAssignments"), moves.Assignments, () => db.MeasureAssignments.CountAsync(a => moves.Assignments.Contains(a.Id) && a.OrganizationId == targetId, cancellationToken)),
            (CoreText.Get("MovedReports"), moves.Reports, () => db.ProgressReports.CountAsync(r => moves.Reports.Contains(r.Id) && r.OrganizationId == targetId, cancellationToken)),
            (CoreText.Get("MovedCooperation"), moves.CooperationInputs, () => db.CooperationInputs.CountAsync(c => moves.CooperationInputs.Contains(c.Id) && c.OrganizationId == targetId, cancellationToken)),
            (CoreText.Get("MovedUsers"), moves.Users, () => db.Users.CountAsync(u => moves.Users.Contains(u.Id) && u.OrganizationId == targetId, cancellationToken)),
            (CoreText.Get("MovedLeaders"), moves.Leaders, () => db.Leaders.CountAsync(l => moves.Leaders.Contains(l.Id) && l.OrganizationId == targetId, cancellationToken)),
            (CoreText.Get("MovedTargetOwners"), moves.TargetOwners, () => db.TargetOwners.CountAsync(o => moves.TargetOwners.Contains(o.TargetId) && o.OrganizationId == targetId, cancellationToken)),
        };
        foreach (var (what, ids, count) in stillThere)
        {
            if (ids.Count > 0 && await count() != ids.Count)
            {
                return CoreText.Get("UndoChanged", merge.TargetName, what);
            }
        }

        // Reports the target made since on measures it holds only through the merge would be left without their unit.
        var movedMeasures = await db.MeasureAssignments.Where(a => moves.Assignments.Contains(a.Id)).Select(a => a.MeasureId).Distinct().ToListAsync(cancellationToken);
        var ownMeasures = await db.MeasureAssignments.Where(a => a.OrganizationId == targetId && !moves.Assignments.Contains(a.Id)).Select(a => a.MeasureId).ToListAsync(cancellationToken);
        var newReports = await db.ProgressReports.CountAsync(r => r.OrganizationId == targetId && movedMeasures.Contains(r.MeasureId) && !ownMeasures.Contains(r.MeasureId)
            && !moves.Reports.Contains(r.Id), cancellationToken);
        return newReports > 0 ? CoreText.Get("UndoNewReports", merge.TargetName, newReports) : null;
    }

    private async Task<UseCaseError?> CheckAsync(UserAccess user, int sourceId, int targetId, CancellationToken cancellationToken)
    {
        var units = await db.Organizations.AsNoTracking().Where(o => o.Id == sourceId || o.Id == targetId)
            .Select(o => new { o.Id, o.Name, o.RegionId, Region = o.Region!.Name }).ToListAsync(cancellationToken);
        if (units.Count == 0 || units.Count == 1 && sourceId != targetId)
        {
            return new UseCaseError.NotFound(CoreText.Get("MergeUnitNotFound"));
        }

        if (units.FirstOrDefault(u => !user.CanManagePlansOf(u.RegionId)) is { } outside)
        {
            return new UseCaseError.Forbidden(CoreText.Get("MergeForbidden", outside.Name, outside.Region));
        }

        return sourceId == targetId ? new UseCaseError.Invalid(CoreText.Get("MergeSelf")) : null;
    }

    private async Task<MergePreview> BuildPreviewAsync(int sourceId, int targetId, CancellationToken cancellationToken) =>
        (await CollectAsync(sourceId, targetId, cancellationToken)).Preview;

    /// <summary>Reads every row a merge would move or drop, and what stands in its way.</summary>
    private async Task<(MergePreview Preview, MergeMoves Moves)> CollectAsync(int sourceId, int targetId, CancellationToken cancellationToken)
    {
        var source = await db.Organizations.AsNoTracking().Include(o => o.Aliases).SingleAsync(o => o.Id == sourceId, cancellationToken);
        var target = await db.Organizations.AsNoTracking().Include(o => o.Aliases).SingleAsync(o => o.Id == targetId, cancellationToken);

        var assignments = await db.MeasureAssignments.AsNoTracking().Where(a => a.OrganizationId == sourceId)
            .Select(a => new { a.Id, a.MeasureId, Plan = a.Measure!.Task!.Section!.Plan!.Title }).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        var owners = await db.TargetOwners.AsNoTracking().Where(o => o.OrganizationId == sourceId).Select(o => o.TargetId).OrderBy(id => id).ToListAsync(cancellationToken);
        var ownedByTarget = await db.TargetOwners.AsNoTracking().Where(o => o.OrganizationId == targetId && owners.Contains(o.TargetId)).Select(o => o.TargetId).ToListAsync(cancellationToken);
        var leaders = await db.Leaders.AsNoTracking().Where(l => l.OrganizationId == sourceId).OrderBy(l => l.Id).Select(l => new { l.Id, l.Name }).ToListAsync(cancellationToken);
        var leaderNames = leaders.Select(l => l.Name).ToList();
        var clashingLeaders = await db.Leaders.AsNoTracking().Where(l => l.OrganizationId == targetId && leaderNames.Contains(l.Name)).Select(l => l.Name).ToListAsync(cancellationToken);
        var users = await db.Users.AsNoTracking().Where(u => u.OrganizationId == sourceId).OrderBy(u => u.Id).Select(u => u.Id).ToListAsync(cancellationToken);
        var children = await db.Organizations.AsNoTracking().Where(o => o.ParentId == sourceId).OrderBy(o => o.Id).Select(o => o.Id).ToListAsync(cancellationToken);
        var reports = await db.ProgressReports.AsNoTracking().Where(r => r.OrganizationId == sourceId).OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.MeasureId, r.Period }).ToListAsync(cancellationToken);
        var reportMeasures = reports.Select(r => r.MeasureId).Distinct().ToList();
        var targetReports = await db.ProgressReports.AsNoTracking().Where(r => r.OrganizationId == targetId && reportMeasures.Contains(r.MeasureId))
            .Select(r => new { r.MeasureId, r.Period }).ToListAsync(cancellationToken);
        var clashingReports = reports.Where(r => targetReports.Any(t => t.MeasureId == r.MeasureId && t.Period == r.Period)).ToList();
        var cooperation = await db.CooperationInputs.AsNoTracking().Where(c => c.OrganizationId == sourceId).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(cancellationToken);
        var notices = await db.Notifications.AsNoTracking().Where(n => n.OrganizationId == sourceId).OrderBy(n => n.Id).ToListAsync(cancellationToken);
        var noticeKeys = notices.Select(n => n.Key).ToList();
        var targetKeys = (await db.Notifications.AsNoTracking().Where(n => n.OrganizationId == targetId && noticeKeys.Contains(n.Key)).Select(n => n.Key).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);

        var moves = new MergeMoves
        {
            SourceAliases = [.. source.Aliases.OrderBy(a => a.Id).Select(a => new MergedAlias(a.Id, a.Name))],
            AliasesAdded = [.. source.Aliases.OrderBy(a => a.Id).Select(a => a.Name).Prepend(source.Name)
                .Where(n => n != target.Name && target.Aliases.All(a => a.Name != n)).Distinct(StringComparer.Ordinal)],
            Assignments = [.. assignments.Select(a => a.Id)],
            TargetOwners = [.. owners.Except(ownedByTarget)],
            TargetOwnersDropped = [.. owners.Intersect(ownedByTarget)],
            Leaders = [.. leaders.Select(l => l.Id)],
            Users = users,
            ChildUnits = children,
            Reports = [.. reports.Select(r => r.Id)],
            CooperationInputs = cooperation,
            Notifications = [.. notices.Where(n => !targetKeys.Contains(n.Key)).Select(n => n.Id)],
            NotificationsDropped = [.. notices.Where(n => targetKeys.Contains(n.Key)).Select(n => new MergedNotification(n.Id, n.Key, n.Text, n.Link, n.CreatedAt, n.ReadAt))],
        };

        var blockers = new List<string>();
        // The source's subunits move under the target: were the target one of them (or below one), it would become its own ancestor.
        if (await IsBelowAsync(target, sourceId, cancellationToken))
        {
            blockers.Add(CoreText.Get("MergeIntoSubunit", source.Name, target.Name));
        }

        if (clashingLeaders.Count > 0)
        {
            blockers.Add(CoreText.Get("MergeLeaderClash", string.Join("、", clashingLeaders)));
        }

        if (clashingReports.Count > 0)
        {
            blockers.Add(CoreText.Get("MergeReportClash", clashingReports.Count, string.Join("、", clashingReports.Select(r => r.Period.ToString("yyyy-MM", CultureInfo.InvariantCulture)).Distinct())));
        }

        var preview = new MergePreview(
            source.Id, source.Name, target.Id, target.Name,
            Measures: assignments.Select(a => a.MeasureId).Distinct().Count(),
            Assignments: assignments.Count,
            Reports: reports.Count,
            CooperationInputs: cooperation.Count,
            Notices: notices.Count,
            Users: users.Count,
            Leaders: leaders.Count,
            ChildUnits: children.Count,
            TargetOwners: owners.Count,
            Plans: [.. assignments.GroupBy(a => a.Plan).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}（{g.Select(a => a.MeasureId).Distinct().Count()}）")],
            AliasesAdded: moves.AliasesAdded,
            Blockers: blockers,
            Fingerprint: Fingerprint(source, target, moves));
        return (preview, moves);
    }

    /// <summary>Whether <paramref name="ancestorId"/> is above <paramref name="unit"/> in the directory (its parent, its parent's parent…).</summary>
    private async Task<bool> IsBelowAsync(Organization unit, int ancestorId, CancellationToken cancellationToken)
    {
        var seen = new HashSet<int> { unit.Id };
        for (var parent = unit.ParentId; parent is { } id && seen.Add(id);
             parent = await db.Organizations.AsNoTracking().Where(o => o.Id == id).Select(o => o.ParentId).SingleOrDefaultAsync(cancellationToken))
        {
            if (id == ancestorId)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A digest of both units and every row that would move: any change to the directory between preview and confirm changes it.</summary>
    private static string Fingerprint(Organization source, Organization target, MergeMoves moves)
    {
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{source.Id}:{source.Name}:{source.ParentId}>{target.Id}:{target.Name}|")
            .Append(JsonSerializer.Serialize(moves));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
    }

    private static MergeHistoryEntry ToEntry(OrganizationMerge merge)
    {
        var moves = JsonSerializer.Deserialize<MergeMoves>(merge.Moves) ?? new MergeMoves();
        return new MergeHistoryEntry(merge.Id, merge.SourceId, merge.SourceName, merge.SourceRegionId, merge.TargetId, merge.TargetName, merge.MergedAt, merge.MergedBy,
            merge.UndoneAt, merge.UndoneBy, moves.Assignments.Count, moves.Reports.Count, moves.Notifications.Count + moves.NotificationsDropped.Count,
            moves.Users.Count, moves.AliasesAdded.Count);
    }
}
