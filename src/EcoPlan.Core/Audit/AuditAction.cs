using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json.Serialization;

namespace EcoPlan.Core.Audit;

/// <summary>
/// What an audit entry records. Each action is stored (and named in the API) as the lower-case word of its
/// <see cref="JsonStringEnumMemberNameAttribute"/>: the words the database has always held, so renaming a member
/// changes no row. Never change a stored word.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<AuditAction>))]
public enum AuditAction
{
    /// <summary>An action this release does not know (written by a later one): read and labelled 其他操作, never written.</summary>
    [JsonStringEnumMemberName("other")] Other,

    /// <summary>A unit saved its report's draft.</summary>
    [JsonStringEnumMemberName("draft")] Draft,

    /// <summary>A unit submitted its report.</summary>
    [JsonStringEnumMemberName("submit")] Submit,

    /// <summary>A unit attached a file to its draft.</summary>
    [JsonStringEnumMemberName("attach")] Attach,

    /// <summary>A cooperating unit added its input (协办反馈).</summary>
    [JsonStringEnumMemberName("cooperate")] Cooperate,

    /// <summary>A coordinator accepted a report (alone or in a bulk accept).</summary>
    [JsonStringEnumMemberName("accept")] Accept,

    /// <summary>A coordinator returned a report with a reason.</summary>
    [JsonStringEnumMemberName("return")] Return,

    /// <summary>The reminder run sent a reminder (催办).</summary>
    [JsonStringEnumMemberName("remind")] Remind,

    /// <summary>A coordinator edited or added a plan target.</summary>
    [JsonStringEnumMemberName("target")] Target,

    /// <summary>Someone exported clues (问题台账, GeoJSON, a 销号 archive): clue data is confidential, so every export is on record.</summary>
    [JsonStringEnumMemberName("clue-export")] ClueExport,

    /// <summary>A district coordinator confirmed, rejected or undid a link of a district measure to a city measure (issue 15).</summary>
    [JsonStringEnumMemberName("measure-link")] MeasureLink,

    /// <summary>Someone exported the 分解落实 board of a city plan (xlsx): the districts' progress goes on record like the other exports.</summary>
    [JsonStringEnumMemberName("decomposition-export")] DecompositionExport,

    /// <summary>A coordinator set the weights of a plan's year-end evaluation rules (年终考核).</summary>
    [JsonStringEnumMemberName("evaluation-rules")] EvaluationRules,

    /// <summary>Someone exported a plan's year-end evaluation (考核结果 xlsx): units' scores leave the system, so it is on record.</summary>
    [JsonStringEnumMemberName("evaluation-export")] EvaluationExport,

    /// <summary>A district coordinator expanded a collective (各街道乡镇, 相关乡镇政府) to townships on a measure, or removed one.</summary>
    [JsonStringEnumMemberName("township-expansion")] TownshipExpansion,
}

/// <summary>The stored word of an <see cref="AuditAction"/> and its label, both from the enum.</summary>
public static class AuditActions
{
    private static readonly FrozenDictionary<AuditAction, string> s_stored = Enum.GetValues<AuditAction>().ToFrozenDictionary(
        action => action,
        action => typeof(AuditAction).GetField(action.ToString())!.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()!.Name);

    private static readonly FrozenDictionary<string, AuditAction> s_byStored = s_stored.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    /// <summary>The word the database holds for <paramref name="action"/>.</summary>
    public static string Stored(AuditAction action) =>
        s_stored.TryGetValue(action, out var stored) ? stored : throw new ArgumentOutOfRangeException(nameof(action), action, "not an audit action");

    /// <summary>The action a stored word stands for; <see cref="AuditAction.Other"/> for a word this release does not know.</summary>
    public static AuditAction Parse(string stored) =>
        s_byStored.GetValueOrDefault(stored, AuditAction.Other);

    /// <summary>What the trail says for the action, in the caller's language (保存草稿, 提交, 其他操作…).</summary>
    public static string Label(AuditAction action) => CoreText.Get("AuditAction_" + action);
}
