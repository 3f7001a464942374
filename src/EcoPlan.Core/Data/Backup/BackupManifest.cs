using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EcoPlan.Core.Data.Backup;

/// <summary>One file inside a backup: its path in the archive, its SHA-256 (lower-case hex) and its length.</summary>
public sealed record BackupPart(string Path, string Sha256, long Length);

/// <summary>
/// What a backup holds and what it was taken from, written as manifest.json, the archive's last entry. Restore trusts
/// nothing else: every other entry must be one of <see cref="Parts"/>, with that hash and length.
/// </summary>
public sealed record BackupManifest(
    string Format,
    string EcoPlanVersion,
    string LastMigration,
    string Provider,
    DateTime CreatedAtUtc,
    IReadOnlyList<BackupPart> Parts)
{
    /// <summary>The archive format this build writes and reads.</summary>
    public const string CurrentFormat = "ecoplan-backup/1";

    public const string EntryName = "manifest.json";
    public const string SqliteDatabaseEntry = "database/ecoplan.db";
    public const string PostgresDumpEntry = "database/ecoplan.pgdump";
    public const string AttachmentsPrefix = "attachments/";
    public const string FilesPrefix = "files/";

    /// <summary>Data-directory files, besides the database and the attachments, that the app reads and a backup keeps.</summary>
    public static readonly IReadOnlyList<string> DataFiles = ["compensation-rules.json"];

    // Relaxed escaping: the version "1.0.0+e52a3fd" stays readable, not "1.0.0\u002Be52a3fd".
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string ProviderName(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => "sqlite",
        DatabaseProvider.Postgres => "postgres",
    };

    /// <summary>The part holding the database for the manifest's provider.</summary>
    [JsonIgnore]
    public string DatabaseEntry => Provider == "postgres" ? PostgresDumpEntry : SqliteDatabaseEntry;

    public static string ThisVersion() =>
        typeof(BackupManifest).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public async Task WriteAsync(Stream stream, CancellationToken cancellationToken) =>
        await JsonSerializer.SerializeAsync(stream, this, s_json, cancellationToken);

    /// <summary>The manifest, or null when the stream is not one (not JSON, fields missing).</summary>
    public static async Task<BackupManifest?> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        try
        {
            var manifest = await JsonSerializer.DeserializeAsync<BackupManifest>(stream, s_json, cancellationToken);
            return manifest is { Format: not null, LastMigration: not null, Provider: not null, Parts: not null } ? manifest : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Copies <paramref name="source"/> to <paramref name="destination"/>, hashing on the way, and stops past <paramref name="maxLength"/> bytes.</summary>
    internal static async Task<(string Sha256, long Length)> CopyHashedAsync(Stream source, Stream destination, long maxLength, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long length = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            length += read;
            if (length > maxLength)
            {
                return ("", length);
            }

            hash.AppendData(buffer, 0, read);
            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        return (Convert.ToHexStringLower(hash.GetHashAndReset()), length);
    }
}
