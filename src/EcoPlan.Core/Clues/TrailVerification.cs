using System.Security.Cryptography;
using System.Text.Json;

namespace EcoPlan.Core.Clues;

/// <summary>The result of checking every clue's trail: how many were checked and each break found.</summary>
public sealed record TrailReport(int Checked, IReadOnlyList<TrailBreak> Breaks);

/// <summary>
/// Checks every clue (<c>ecoplan clue verify-trail</c>): the hash chain of its entries, that its state is the one its last
/// entry left, that its geometry is the one it was registered with, and that each evidence file was recorded in the
/// trail with the same hash.
/// </summary>
public static class TrailVerification
{
    private const int Chunk = 500;

    public static async Task<TrailReport> VerifyAllAsync(EcoPlanDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var breaks = new List<TrailBreak>();
        var checkedCount = 0;
        var after = 0;
        while (true)
        {
            var clues = await db.Clues.AsNoTracking().Where(c => c.Id > after).OrderBy(c => c.Id).Take(Chunk)
                .Select(c => new { c.Id, c.State, c.Geometry }).ToListAsync(cancellationToken);
            if (clues.Count == 0)
            {
                break;
            }

            var ids = clues.Select(c => c.Id).ToList();
            var events = (await db.ClueEvents.AsNoTracking().Where(e => ids.Contains(e.ClueId)).ToListAsync(cancellationToken)).ToLookup(e => e.ClueId);
            var evidence = (await db.ClueEvidence.AsNoTracking().Where(e => ids.Contains(e.ClueId)).Select(e => new { e.ClueId, e.Id, e.Sha256 })
                .ToListAsync(cancellationToken)).ToLookup(e => e.ClueId);
            foreach (var clue in clues)
            {
                if (Check(clue.Id, clue.State, clue.Geometry, events[clue.Id], evidence[clue.Id].Select(e => (e.Id, e.Sha256))) is { } found)
                {
                    breaks.Add(found);
                }
            }

            checkedCount += clues.Count;
            after = clues[^1].Id;
        }

        return new TrailReport(checkedCount, breaks);
    }

    /// <summary>One clue's checks (the chain, its state, its geometry, its evidence); the first break, or null when all hold.</summary>
    internal static TrailBreak? Check(int clueId, ClueState state, byte[] geometry, IEnumerable<ClueEvent> events, IEnumerable<(int Id, string Sha256)> evidence)
    {
        var trail = events.OrderBy(e => e.Sequence).ToList();
        return ClueTrail.Verify(clueId, state, trail) ?? GeometryBreak(clueId, geometry, trail) ?? EvidenceBreak(clueId, evidence, trail);
    }

    private static TrailBreak? GeometryBreak(int clueId, byte[] geometry, List<ClueEvent> trail)
    {
        var registered = Property(trail[0].Payload, "geometry");
        return registered is null || registered == Convert.ToHexStringLower(SHA256.HashData(geometry)) ? null
            : new TrailBreak(clueId, 1, CoreText.Get("Trail_GeometryChanged"));
    }

    private static TrailBreak? EvidenceBreak(int clueId, IEnumerable<(int Id, string Sha256)> files, List<ClueEvent> trail)
    {
        var recorded = trail.Where(e => e.Action == ClueAction.EvidenceAdded).Select(e => Property(e.Payload, "sha256")).ToHashSet(StringComparer.Ordinal);
        return files.FirstOrDefault(f => !recorded.Contains(f.Sha256)) is { Sha256: not null } unrecorded
            ? new TrailBreak(clueId, trail[^1].Sequence, CoreText.Get("Trail_EvidenceUnrecorded", unrecorded.Id))
            : null;
    }

    private static string? Property(string payload, string name)
    {
        try
        {
            using var json = JsonDocument.Parse(payload);
            return json.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
