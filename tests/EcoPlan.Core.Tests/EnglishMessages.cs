using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace EcoPlan.Core.Tests;

/// <summary>
/// Core's messages follow the UI culture (Chinese unless it is English). These tests assert them in English, the
/// language of the code; <see cref="Localization.CoreTextTests"/> and the web tests assert the Chinese texts.
/// </summary>
internal static class EnglishMessages
{
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries", Justification = "A test assembly: the culture must be set before any test runs.")]
    internal static void Initialize() => CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.GetCultureInfo("en");
}
