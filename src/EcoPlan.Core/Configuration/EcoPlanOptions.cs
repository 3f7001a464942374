using EcoPlan.Core.Import;
using EcoPlan.Core.Progress;

namespace EcoPlan.Core.Configuration;

/// <summary>
/// Every setting under <c>EcoPlan</c> (appsettings.json, or environment variables such as EcoPlan__DataDirectory),
/// bound once and checked at start (<see cref="EcoPlanOptionsRegistration"/>); the web app and the CLI read the same
/// tree. README.md (Configuration) lists them.
/// </summary>
public sealed class EcoPlanOptions
{
    public const string Section = "EcoPlan";

    /// <summary>Directory of the SQLite database, uploads and attachments (default ./data).</summary>
    public string? DataDirectory { get; set; }

    /// <summary>sqlite (the default) or postgres.</summary>
    public string? DatabaseProvider { get; set; }

    /// <summary>Load the demo data into a new, empty database (default: for SQLite only).</summary>
    public bool? SeedDemoData { get; set; }

    /// <summary>The demo accounts' password (default: generated and printed once).</summary>
    public string? DemoPassword { get; set; }

    public ImportOptions Import { get; set; } = new();

    public AttachmentOptions Attachments { get; set; } = new();

    public ReminderOptions Reminders { get; set; } = new();

    public SmtpOptions Smtp { get; set; } = new();

    public IndicatorOptions Indicators { get; set; } = new();

    public MapOptions Map { get; set; } = new();

    public ClueOptions Clues { get; set; } = new();
}

public sealed class ImportOptions
{
    public const string MaxFileBytesKey = "EcoPlan:Import:MaxFileBytes";

    /// <summary>The largest plan document or indicator file accepted, in bytes.</summary>
    public long MaxFileBytes { get; set; } = PlanDocumentReader.DefaultMaxBytes;
}

public sealed class AttachmentOptions
{
    public const string MaxBytesKey = "EcoPlan:Attachments:MaxBytes";

    /// <summary>The largest attachment of a progress report, in bytes.</summary>
    public long MaxBytes { get; set; } = 10L * 1024 * 1024;
}

public sealed class IndicatorOptions
{
    public const string CompensationRulesKey = "EcoPlan:Indicators:CompensationRules";

    /// <summary>Path of the GEP-R compensation rules file (JSON, as <c>ecoplan gepr template rules</c> writes it); default compensation-rules.json in the data directory, else the shipped example.</summary>
    public string? CompensationRules { get; set; }
}

public sealed class MapOptions
{
    public const string TiandituKeyKey = "EcoPlan:Map:TiandituKey";

    /// <summary>A 天地图 browser key: maps get its CGCS2000 basemap (and the content policy its tile servers); none without it.</summary>
    public string? TiandituKey { get; set; }
}

public sealed class ClueOptions
{
    public const string EvidenceRulesFileKey = "EcoPlan:Clues:EvidenceRulesFile";

    /// <summary>Path of the evidence rules (JSON, docs/clues.md); the shipped default when not set.</summary>
    public string? EvidenceRulesFile { get; set; }
}
