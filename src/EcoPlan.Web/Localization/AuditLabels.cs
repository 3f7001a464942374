using Microsoft.Extensions.Localization;

namespace EcoPlan.Web.Localization;

/// <summary>What the audit trail says for an action: its UiText label (Audit_draft, …), never the raw key of an action without one.</summary>
public static class AuditLabels
{
    public static string Of(IStringLocalizer<UiText> text, string action)
    {
        ArgumentNullException.ThrowIfNull(text);
        var label = text[$"Audit_{action}"];
        return label.ResourceNotFound ? text["Audit_Unknown"] : label;
    }
}
