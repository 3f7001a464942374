namespace EcoPlan.Web.Localization;

/// <summary>Marker for the UI strings in UiText.resx (zh-CN, the default) and UiText.en.resx.</summary>
public sealed class UiText;
