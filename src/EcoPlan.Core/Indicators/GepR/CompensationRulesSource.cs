using EcoPlan.Core.Configuration;
using EcoPlan.Core.Regions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EcoPlan.Core.Indicators.GepR;

/// <summary>
/// The compensation rules the web app uses (<see cref="IndicatorOptions.CompensationRules"/>; default
/// compensation-rules.json in the data directory, else the shipped example), read once and again when the file
/// changes, not on every page view. A bad edit (invalid JSON, a rule out of range, the configured file removed) keeps
/// the last good rules and logs the error; with no good rules yet, the error is what <see cref="Current"/> gives.
/// </summary>
public sealed class CompensationRulesSource : IDisposable
{
    private const string DefaultFileName = "compensation-rules.json";

    private readonly string _path;
    private readonly bool _configured;
    private readonly ILogger<CompensationRulesSource> _logger;
    private readonly FileSystemWatcher? _watcher;
    private readonly Lock _reading = new();
    private volatile Snapshot _snapshot;

    /// <summary>What was read: the rules when good, else the text (or its absence) to tell why in the caller's language.</summary>
    private sealed record Snapshot(CompensationRules? Rules, string? Text, string File);

    public CompensationRulesSource(IOptions<EcoPlanOptions> options, DatabaseSettings settings, ILogger<CompensationRulesSource> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        _logger = logger;
        _configured = options.Value.Indicators.CompensationRules is not null;
        _path = Path.GetFullPath(options.Value.Indicators.CompensationRules ?? Path.Combine(settings.DataDirectory, DefaultFileName));
        _snapshot = Read();
        if (Path.GetDirectoryName(_path) is { } directory && Directory.Exists(directory))
        {
            _watcher = new FileSystemWatcher(directory, Path.GetFileName(_path))
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            _watcher.Changed += (_, _) => Reload();
            _watcher.Created += (_, _) => Reload();
            _watcher.Deleted += (_, _) => Reload();
            _watcher.Renamed += (_, _) => Reload();
            _watcher.EnableRaisingEvents = true;
        }
    }

    /// <summary>The rules in force, or why there are none (naming the setting and the file).</summary>
    public (CompensationRules? Rules, string? Error) Current()
    {
        var snapshot = _snapshot;
        return snapshot.Rules is not null ? (snapshot.Rules, null) : (null, Why(snapshot));
    }

    /// <summary>Reads the file again; called by the watcher, and by tests that cannot wait for it.</summary>
    public void Reload()
    {
        lock (_reading)
        {
            var read = Read();
            if (read.Rules is null && _snapshot.Rules is not null)
            {
                _logger.LogError("{Key}: {Error}; the rules read before stay in force.", IndicatorOptions.CompensationRulesKey, Why(read));
                return;
            }

            _snapshot = read;
        }
    }

    private Snapshot Read()
    {
        string text;
        try
        {
            text = File.ReadAllText(_path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return _configured ? new Snapshot(null, null, _path) : Parse(CompensationRulesFile.Template, CoreText.Get("Rules_ShippedExample"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file being written is read again on its next change event.
            _logger.LogWarning(ex, "{Key}: {Path} could not be read.", IndicatorOptions.CompensationRulesKey, _path);
            return _snapshot ?? new Snapshot(null, null, _path);
        }

        return Parse(text, _path);
    }

    private static Snapshot Parse(string text, string file) => new(CompensationRulesFile.Read(text, file, RegionCatalog.Names).Rules, text, file);

    private static string Why(Snapshot snapshot) => snapshot.Text is null
        ? CoreText.Get("Rules_NoSuchFile", IndicatorOptions.CompensationRulesKey, snapshot.File)
        : $"{IndicatorOptions.CompensationRulesKey}: {CompensationRulesFile.Read(snapshot.Text, snapshot.File, RegionCatalog.Names).Error}";

    public void Dispose() => _watcher?.Dispose();
}
