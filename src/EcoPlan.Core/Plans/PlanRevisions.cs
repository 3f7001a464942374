using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace EcoPlan.Core.Plans;

/// <summary>
/// Gives a plan a new <see cref="Plan.ContentRevision"/> in the same save that changes its content: the plan row, its
/// sections, tasks, measures, assignments, targets or target owners. <see cref="EcoPlanDbContext"/> calls it on every
/// SaveChanges; bulk updates that bypass the change tracker call <see cref="StampPlansNamingAsync"/> themselves.
/// </summary>
/// <remarks>
/// The revision is random rather than counted up, so two saves that race each leave a value no reader has cached under;
/// readers read the revision before the content, so what they cache is never older than its key.
/// </remarks>
public static class PlanRevisions
{
    /// <summary>Sets a new revision on every existing plan whose content the tracked changes touch.</summary>
    internal static async Task StampTrackedChangesAsync(EcoPlanDbContext db, CancellationToken cancellationToken)
    {
        db.ChangeTracker.DetectChanges();
        var changed = db.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        if (!changed.Any(e => e.Entity is Plan or Section or PlanTask or Measure or MeasureAssignment or Target or TargetOwner))
        {
            return;
        }

        // Keys of rows not yet in the database: a parent added in this save is reached through its own entry instead.
        var added = changed.Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToHashSet(ReferenceEqualityComparer.Instance);
        var plans = new HashSet<int>();
        var sections = new HashSet<int>();
        var tasks = new HashSet<int>();
        var measures = new HashSet<int>();
        var targets = new HashSet<int>();
        foreach (var entry in changed)
        {
            switch (entry.Entity)
            {
                case Plan plan when entry.State == EntityState.Modified:
                    plans.Add(plan.Id);
                    break;
                case Section:
                    AddParent(entry, nameof(Section.PlanId), plans);
                    break;
                case PlanTask:
                    AddParent(entry, nameof(PlanTask.SectionId), sections);
                    break;
                case Measure:
                    AddParent(entry, nameof(Measure.TaskId), tasks);
                    break;
                case MeasureAssignment:
                    AddParent(entry, nameof(MeasureAssignment.MeasureId), measures);
                    break;
                case Target:
                    AddParent(entry, nameof(Target.MeasureId), measures);
                    break;
                case TargetOwner:
                    AddParent(entry, nameof(TargetOwner.TargetId), targets);
                    break;
            }
        }

        RemoveAdded<Section>(sections);
        RemoveAdded<PlanTask>(tasks);
        RemoveAdded<Measure>(measures);
        RemoveAdded<Target>(targets);
        if (targets.Count > 0)
        {
            measures.UnionWith(await db.Targets.Where(t => targets.Contains(t.Id)).Select(t => t.MeasureId).ToListAsync(cancellationToken));
        }

        if (measures.Count > 0)
        {
            plans.UnionWith(await db.Measures.Where(m => measures.Contains(m.Id)).Select(m => m.Task!.Section!.PlanId).ToListAsync(cancellationToken));
        }

        if (tasks.Count > 0)
        {
            plans.UnionWith(await db.PlanTasks.Where(t => tasks.Contains(t.Id)).Select(t => t.Section!.PlanId).ToListAsync(cancellationToken));
        }

        if (sections.Count > 0)
        {
            plans.UnionWith(await db.Sections.Where(s => sections.Contains(s.Id)).Select(s => s.PlanId).ToListAsync(cancellationToken));
        }

        var revision = NewRevision();
        foreach (var id in plans)
        {
            var tracked = db.ChangeTracker.Entries<Plan>().FirstOrDefault(e => e.Entity.Id == id);
            if (tracked?.State is EntityState.Added or EntityState.Deleted)
            {
                continue;
            }

            // Loaded (tracked) rather than updated in bulk, so the new revision is written in this save's own transaction.
            if ((tracked?.Entity ?? await db.Plans.FindAsync([id], cancellationToken)) is { } plan)
            {
                plan.ContentRevision = revision;
            }
        }

        void AddParent(EntityEntry entry, string foreignKey, HashSet<int> into)
        {
            var property = entry.Property(foreignKey);
            if (entry.State != EntityState.Deleted)
            {
                into.Add((int)property.CurrentValue!);
            }

            if (entry.State != EntityState.Added)
            {
                // A row moved to another parent, or removed: its old parent changed too.
                into.Add((int)property.OriginalValue!);
            }
        }

        void RemoveAdded<T>(HashSet<int> keys)
            where T : class
        {
            foreach (var entry in db.ChangeTracker.Entries<T>())
            {
                if (added.Contains(entry.Entity))
                {
                    keys.Remove((int)entry.Property("Id").CurrentValue!);
                }
            }
        }
    }

    /// <summary>
    /// Gives every plan that names one of <paramref name="organizationIds"/> on a measure a new revision; for bulk updates
    /// of assignments that bypass the change tracker. Run it in the bulk update's transaction.
    /// </summary>
    public static Task<int> StampPlansNamingAsync(EcoPlanDbContext db, IReadOnlyCollection<int> organizationIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var revision = NewRevision();
        return db.Plans
            .Where(p => p.Sections.Any(s => s.Tasks.Any(t => t.Measures.Any(m =>
                m.Assignments.Any(a => a.OrganizationId != null && organizationIds.Contains(a.OrganizationId.Value))
                || m.Targets.Any(g => g.Owners.Any(o => organizationIds.Contains(o.OrganizationId)))))))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.ContentRevision, revision), cancellationToken);
    }

    private static long NewRevision() => Random.Shared.NextInt64(1, long.MaxValue);
}
