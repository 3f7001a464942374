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
    public SignInOptions SignIn { get; set; } = new();

    public OperationsOptions Operations { get; set; } = new();
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

/// <summary>
/// How sign-in attempts are throttled (docs/operations.md, "Sign-in limits"). Two token buckets: one per client address
/// and one per account name; the account's refills faster than one address can spend it, so a single attacking
/// address can never lock the real user out. Failures on an account name also slow every further attempt on it.
/// </summary>
public sealed class SignInOptions
{
    /// <summary>Attempts one client address may make at once before it must wait.</summary>
    public int PerClientBurst { get; set; } = 20;

    /// <summary>Attempts per minute one client address gets back.</summary>
    public int PerClientPerMinute { get; set; } = 10;

    /// <summary>Attempts on one account name (from every address together) at once before they must wait.</summary>
    public int PerAccountBurst { get; set; } = 60;

    /// <summary>Attempts per minute one account name gets back.</summary>
    public int PerAccountPerMinute { get; set; } = 30;

    /// <summary>Failed attempts on an account name, within <see cref="FailureWindowMinutes"/>, before each further attempt is slowed.</summary>
    public int FailuresBeforeBackoff { get; set; } = 3;

    /// <summary>The first delay once back-off starts; it doubles with each further failure.</summary>
    public int BackoffMilliseconds { get; set; } = 500;

    /// <summary>The longest delay of one attempt.</summary>
    public int MaxBackoffMilliseconds { get; set; } = 8000;

    /// <summary>How long a failure counts: after this long without one, the account name starts afresh.</summary>
    public int FailureWindowMinutes { get; set; } = 15;
}

/// <summary>Running the web app: who may read /metrics, the health check's disk threshold, proxies trusted for the client address.</summary>
public sealed class OperationsOptions
{
    /// <summary>When set, /metrics also answers requests from other hosts that send <c>Authorization: Bearer TOKEN</c>; loopback is always allowed.</summary>
    public string? MetricsToken { get; set; }

    /// <summary>The health check reports the data directory degraded when its disk has less free space than this.</summary>
    public long MinFreeDiskMegabytes { get; set; } = 1024;

    /// <summary>
    /// Addresses of reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed. Empty (the default): the
    /// client address is the connection's, and forwarded headers are ignored.
    /// </summary>
    public string[] KnownProxies { get; set; } = [];
}
