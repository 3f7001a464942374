using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace EcoPlan.Core.Clues;

/// <summary>
/// One entry of a clue's trail: who moved it from which state to which, when (server time), with what. Each entry's
/// <see cref="Hash"/> covers its fields and the previous entry's hash, so an edit, a deletion or an insertion anywhere in
/// the history breaks the chain from there on (<see cref="ClueTrail.Verify"/>).
/// </summary>
public sealed class ClueEvent
{
    public long Id { get; set; }
    public int ClueId { get; set; }

    /// <summary>1, 2, 3 … within the clue; unique, so two writers cannot both append entry n.</summary>
    public int Sequence { get; set; }
    public ClueAction Action { get; set; }
    public ClueState? FromState { get; set; }
    public ClueState ToState { get; set; }
    public int? ActorId { get; set; }
    public string ActorName { get; set; } = "";

    /// <summary>Server time, UTC, to the millisecond (both databases keep that exactly, so the hash recomputes).</summary>
    public DateTime At { get; set; }

    /// <summary>The step's details as JSON: outcome, reason, note, file hashes, deadlines.</summary>
    public string Payload { get; set; } = "{}";
    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";
}

/// <summary>What happened to a clue, as its trail records it.</summary>
public enum ClueAction
{
    Created,
    SourceAdded,
    Assigned,
    EvidenceAdded,
    VerificationStarted,
    VerificationSubmitted,
    VerificationAccepted,
    VerificationReturned,
    PlanSubmitted,
    PlanAccepted,
    PlanReturned,
    CloseRequested,
    CloseAccepted,
    CloseReturned,
    PublicNoticeEnded,
    Reopened,
}

/// <summary>A break found in a clue's trail: the first entry whose hash or link does not hold, and why.</summary>
public sealed record TrailBreak(int ClueId, int Sequence, string Reason);

public static class ClueTrail
{
    private static readonly JsonSerializerOptions s_payloadJson = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Appends an entry after <paramref name="previous"/> (null for the first) and returns it, hashed.</summary>
    public static ClueEvent Append(Clue clue, ClueEvent? previous, ClueAction action, ClueState? from, ClueState to, int? actorId, string actorName,
        DateTime now, object? payload)
    {
        ArgumentNullException.ThrowIfNull(clue);
        var entry = new ClueEvent
        {
            ClueId = clue.Id,
            Sequence = (previous?.Sequence ?? 0) + 1,
            Action = action,
            FromState = from,
            ToState = to,
            ActorId = actorId,
            ActorName = actorName,
            At = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc),
            Payload = payload is null ? "{}" : JsonSerializer.Serialize(payload, s_payloadJson),
            PreviousHash = previous?.Hash ?? "",
        };
        clue.Events.Add(entry);
        return entry;
    }

    /// <summary>Hashes an entry after its clue id is known (a new clue gets its id on save).</summary>
    public static void Seal(ClueEvent entry, int clueId)
    {
        ArgumentNullException.ThrowIfNull(entry);
        entry.ClueId = clueId;
        entry.Hash = HashOf(entry);
    }

    /// <summary>The SHA-256 of an entry's fields and its predecessor's hash, lower-case hex.</summary>
    public static string HashOf(ClueEvent entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var text = string.Join('\n',
            entry.ClueId.ToString(CultureInfo.InvariantCulture),
            entry.Sequence.ToString(CultureInfo.InvariantCulture),
            entry.Action.ToString(),
            entry.FromState?.ToString() ?? "",
            entry.ToState.ToString(),
            entry.ActorId?.ToString(CultureInfo.InvariantCulture) ?? "",
            entry.ActorName,
            entry.At.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            entry.Payload,
            entry.PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>
    /// Checks one clue's entries (any order): numbered 1…n without gaps, each linked to its predecessor's hash, each hash
    /// recomputing, and the last entry's state being the clue's state. Returns the first break, or null.
    /// </summary>
    public static TrailBreak? Verify(int clueId, ClueState currentState, IEnumerable<ClueEvent> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ClueEvent? previous = null;
        foreach (var entry in entries.OrderBy(e => e.Sequence))
        {
            var expected = (previous?.Sequence ?? 0) + 1;
            if (entry.Sequence != expected)
            {
                return new TrailBreak(clueId, expected, CoreText.Get("Trail_Missing", expected));
            }

            if (entry.PreviousHash != (previous?.Hash ?? ""))
            {
                return new TrailBreak(clueId, entry.Sequence, CoreText.Get("Trail_LinkBroken", entry.Sequence));
            }

            if (!string.Equals(HashOf(entry), entry.Hash, StringComparison.Ordinal))
            {
                return new TrailBreak(clueId, entry.Sequence, CoreText.Get("Trail_HashWrong", entry.Sequence));
            }

            previous = entry;
        }

        if (previous is null)
        {
            return new TrailBreak(clueId, 1, CoreText.Get("Trail_Empty"));
        }

        return previous.ToState == currentState ? null
            : new TrailBreak(clueId, previous.Sequence, CoreText.Get("Trail_StateDiffers", ClueLabels.State(previous.ToState), ClueLabels.State(currentState)));
    }
}
