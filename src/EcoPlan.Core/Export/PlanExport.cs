using EcoPlan.Core.Import;
using EcoPlan.Core.Plans;

namespace EcoPlan.Core.Export;

public enum ExportFormat
{
    Docx,
    Xlsx,
}

/// <summary>Writes a stored plan back as a document in its own table layout, so exporting and re-importing gives the same plan.</summary>
public static class PlanExport
{
    /// <summary>Writes plan <paramref name="id"/>; not found when there is no such plan the caller may see (a draft, to most).</summary>
    public static async Task<UseCaseResult<Done>> WriteAsync(EcoPlanDbContext db, UserAccess user, int id, ExportFormat format, Stream output, CancellationToken cancellationToken = default)
    {
        var plan = await PlanQueries.GetAsync(db, user, id, cancellationToken);
        if (plan.Value is null)
        {
            return plan.Refusal<Done>();
        }

        Write(ToParsedPlan(plan.Value), format, output);
        return new Done();
    }

    /// <summary>Writes a plan, stored or just parsed, as a Word or Excel document in its table layout.</summary>
    public static void Write(ParsedPlan plan, ExportFormat format, Stream output)
    {
        switch (format)
        {
            case ExportFormat.Docx:
                PlanDocxWriter.Write(plan, output);
                break;
            case ExportFormat.Xlsx:
                PlanXlsxWriter.Write(plan, output);
                break;
        }
    }

    public static ParsedPlan ToParsedPlan(PlanDetail plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new ParsedPlan(
            plan.Title, plan.AttachmentLabel, plan.Part, plan.Year, plan.Level, plan.RegionName, plan.LeadKind,
            [.. plan.Sections.Select(s => new ParsedSection(s.Code, s.Title,
                [.. s.Tasks.Select(t => new ParsedTask(t.Number, t.Name,
                    [.. t.Measures.Select(m => new ParsedMeasure(
                        m.Number, m.Text,
                        new Deadline { Raw = m.Deadline.Raw, Kind = m.Deadline.Kind, Date = m.Deadline.Date, Recurrence = m.Deadline.Recurrence },
                        Names(m.Lead), Names(m.Responsible), Names(m.Cooperating)))]))]))]);
    }

    private static List<string> Names(IReadOnlyList<AssigneeDetail> assignees) => [.. assignees.Select(a => a.Name)];
}
