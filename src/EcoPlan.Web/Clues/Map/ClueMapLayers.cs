using EcoPlan.Core.Clues;
using NetTopologySuite.Geometries;

namespace EcoPlan.Web.Clues.Map;

/// <summary>The clue pages' map layers: township boundaries, clues coloured by state (and outcome), evidence photos with their direction.</summary>
public static class ClueMapLayers
{
    /// <summary>The colour class of a clue: its state, and while it waits for review or is closed without a violation, its outcome.</summary>
    public static string CssClass(ClueState state, ClueOutcome? outcome) => state switch
    {
        ClueState.Pending => "clue-pending",
        ClueState.Verifying => "clue-verifying",
        ClueState.VerificationSubmitted or ClueState.Closed when outcome is ClueOutcome.PseudoChange => "clue-false-change",
        ClueState.VerificationSubmitted or ClueState.Closed when outcome is ClueOutcome.Compliant => "clue-lawful",
        ClueState.VerificationSubmitted => "clue-violation",
        ClueState.PlanDue or ClueState.PlanSubmitted or ClueState.Rectifying => "clue-rectifying",
        ClueState.CloseRequested or ClueState.PublicNotice => "clue-closing",
        _ => "clue-closed",
    };

    public static IReadOnlyList<MapLegendItem> Legend() =>
    [
        new("clue-pending", ClueLabels.State(ClueState.Pending)),
        new("clue-verifying", ClueLabels.State(ClueState.Verifying)),
        new("clue-false-change", ClueLabels.Outcome(ClueOutcome.PseudoChange)),
        new("clue-lawful", ClueLabels.Outcome(ClueOutcome.Compliant)),
        new("clue-violation", UiText.Get("ClueMapViolation")),
        new("clue-rectifying", ClueLabels.State(ClueState.Rectifying)),
        new("clue-closing", ClueLabels.State(ClueState.CloseRequested)),
        new("clue-closed", ClueLabels.State(ClueState.Closed)),
    ];

    public static MapLayer Boundaries(IEnumerable<(string Code, string Name, Geometry LonLat)> boundaries) =>
        new(UiText.Get("ClueMapBoundaries"), [.. boundaries.Select(b => new MapShape(b.LonLat, "geomap-boundary", b.Name))]);

    public static MapLayer Clues(IEnumerable<ClueSummary> clues) => new(UiText.Get("CluesTitle"),
        [.. clues.Where(c => c.Geometry is not null).Select(c => new MapShape(c.Geometry!, CssClass(c.State, c.Outcome),
            $"{c.Code} · {ClueLabels.State(c.State)}", $"/clues/{c.Id}"))]);

    public static MapLayer Clue(ClueView clue) => new(UiText.Get("CluesTitle"),
        [new MapShape(clue.Geometry, CssClass(clue.State, clue.Outcome), clue.Codes.Count > 0 ? clue.Codes[0].Code : clue.Id.ToString(CultureInfo.InvariantCulture))]);

    public static MapLayer Photos(ClueView clue) => new(UiText.Get("ClueEvidenceTitle"),
        [.. clue.Evidence.Where(e => e.Latitude is not null && e.Longitude is not null).Select(e => new MapShape(
            Core.Clues.ClueGeometry.Factory.CreatePoint(new Coordinate(e.Longitude!.Value, e.Latitude!.Value)), "geomap-photo",
            $"{ClueLabels.Evidence(e.Kind)} · {e.FileName}", $"/api/v1/clue-evidence/{e.Id}", e.DirectionDegrees))]);
}
