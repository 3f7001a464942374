using System.Security.Cryptography;
using System.Text;

namespace EcoPlan.Core.Indicators;

/// <summary>
/// A weights file an admin uploaded for a methodology that ships without weights (db11-1877): the file as uploaded,
/// its stated source, and who uploaded it when. The newest upload of a methodology is in force; older ones stay as history.
/// </summary>
public sealed class MethodologyWeights
{
    public int Id { get; set; }
    public required string Methodology { get; set; }

    /// <summary>The "source" the file states (weights of db11-1877 are not public, so this is whatever the uploader was given).</summary>
    public required string Source { get; set; }
    public required string FileName { get; set; }
    public required string Sha256 { get; set; }

    /// <summary>The JSON as uploaded, in the form <see cref="MethodologyCatalog.WithWeights(Methodology, Stream)"/> reads.</summary>
    public required string Content { get; set; }
    public DateTime UploadedAt { get; set; }
    public required string UploadedBy { get; set; }
}

/// <summary>
/// Weights files kept in the database (table MethodologyWeights), so every web instance and the PostgreSQL backups see the
/// same weights, with who uploaded them, when and from what source.
/// </summary>
public sealed class MethodologyWeightsStore(EcoPlanDbContext db, TimeProvider time)
{
    public const int MaxBytes = 64 * 1024;

    /// <summary>Only admins upload weights: they hold for every region.</summary>
    public static bool MayUpload(UserAccess user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsAdmin;
    }

    /// <summary>
    /// Checks the file against the methodology (every sub-index, non-negative, summing to 1) and stores it, for admins
    /// only (the weights hold for every region); a malformed file is refused on the field <c>file</c> with the reason.
    /// </summary>
    public async Task<UseCaseResult<MethodologyWeights>> UploadAsync(UserAccess user, string methodologyId, byte[] content, string fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(content);
        if (!MayUpload(user))
        {
            return new UseCaseError.Forbidden(Localization.CoreText.Get("Weights_Forbidden"));
        }

        UseCaseError.Invalid Refuse(string why) => new("file", $"{Path.GetFileName(fileName)}: {why}");
        Methodology methodology;
        try
        {
            methodology = MethodologyCatalog.Load(methodologyId);
        }
        catch (MethodologyException ex)
        {
            return new UseCaseError.Invalid("method", ex.Message);
        }

        if (content.Length == 0)
        {
            return Refuse(Localization.CoreText.Get("Weights_FileEmpty"));
        }

        if (content.Length > MaxBytes)
        {
            return Refuse(Localization.CoreText.Get("Weights_TooLarge", MaxBytes / 1024));
        }

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(content).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return Refuse(Localization.CoreText.Get("Weights_NotUtf8"));
        }

        Methodology weighted;
        try
        {
            weighted = Apply(methodology, text);
        }
        catch (MethodologyException ex)
        {
            return Refuse(ex.Message);
        }

        var row = new MethodologyWeights
        {
            Methodology = methodology.Id,
            Source = Truncate(weighted.WeightsSource ?? "", 500),
            FileName = Truncate(FileNames.Stored(fileName), 260),
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
            Content = text,
            UploadedAt = time.GetUtcNow().UtcDateTime,
            UploadedBy = Truncate(user.UserName, 256),
        };
        db.MethodologyWeights.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return row;
    }

    /// <summary>The weights in force for a methodology (the newest upload), or null.</summary>
    public static Task<MethodologyWeights?> CurrentAsync(EcoPlanDbContext db, string methodologyId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.MethodologyWeights.AsNoTracking().Where(w => w.Methodology == methodologyId)
            .OrderByDescending(w => w.UploadedAt).ThenByDescending(w => w.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// The methodology as EI is computed with it: its own weights where it ships them, else the uploaded weights in force
    /// (returned too, so the page can say whose they are), else as shipped (EI "weights not configured").
    /// </summary>
    public static async Task<(Methodology Methodology, MethodologyWeights? Uploaded)> WeightedAsync(EcoPlanDbContext db, Methodology methodology, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(methodology);
        if (methodology.SubIndices.All(s => s.Weight is not null) || await CurrentAsync(db, methodology.Id, cancellationToken) is not { } uploaded)
        {
            return (methodology, null);
        }

        return (Apply(methodology, uploaded.Content), uploaded);
    }

    private static Methodology Apply(Methodology methodology, string json)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return MethodologyCatalog.WithWeights(methodology, stream);
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
