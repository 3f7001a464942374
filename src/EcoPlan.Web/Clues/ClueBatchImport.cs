using EcoPlan.Core.Clues;
using EcoPlan.Core.Spatial;

namespace EcoPlan.Web.Clues;

/// <summary>
/// A batch's fields as the API's form, the upload page's form and the preview page's query send them (source, name,
/// receivedOn, verifyBy, rectifyBy, measureId, district); the same names everywhere, so the preview's confirm form
/// sends back exactly what was previewed.
/// </summary>
public sealed record ClueBatchFields(ClueSource? Source, string? Name, DateOnly? ReceivedOn, DateOnly? VerifyBy, DateOnly? RectifyBy, int? MeasureId, string? District)
{
    /// <summary>The request for the intake; no day received means today (the checks of every field are the intake's).</summary>
    public ClueBatchRequest Request(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return new(Name?.Trim() ?? "", Source ?? ClueSource.Other, District?.Trim() ?? "", ReceivedOn ?? DateOnly.FromDateTime(time.GetLocalNow().DateTime),
            VerifyBy, RectifyBy, MeasureId);
    }

    /// <summary>The fields as a query string (without "?"), for the preview page's address.</summary>
    public string Query()
    {
        var fields = new List<string>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                fields.Add($"{key}={Uri.EscapeDataString(value)}");
            }
        }

        Add("source", Source?.ToString());
        Add("name", Name);
        Add("receivedOn", Day(ReceivedOn));
        Add("verifyBy", Day(VerifyBy));
        Add("rectifyBy", Day(RectifyBy));
        Add("measureId", MeasureId?.ToString(CultureInfo.InvariantCulture));
        Add("district", District);
        return string.Join('&', fields);
    }

    /// <summary>The fields from the preview page's query (Blazor binds no enum or date from it): what does not parse is left out, and the intake says what is missing.</summary>
    public static ClueBatchFields Parse(string? source, string? name, string? receivedOn, string? verifyBy, string? rectifyBy, string? measureId, string? district) =>
        new(Enum.TryParse<ClueSource>(source, ignoreCase: false, out var s) && Enum.IsDefined(s) ? s : null, name, ParseDay(receivedOn), ParseDay(verifyBy),
            ParseDay(rectifyBy), int.TryParse(measureId, NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : null, district);

    private static DateOnly? ParseDay(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    /// <summary>A day as a date input and the query carry it (yyyy-MM-dd).</summary>
    public static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>
/// One feature of the file as the API answers it: where it is in the file, its code (编号) in this batch, the clue it
/// became (after a commit), its township (null: the district's queue), the cooperating townships, the open clue it
/// repeats, and its area in m².
/// </summary>
public sealed record ClueBatchRowDto(string Position, string Code, int? ClueId, string? TownshipCode, IReadOnlyList<string> CooperatingTownshipCodes,
    int? DuplicateOf, double AreaM2, ActivityType Activity);

/// <summary>
/// What a clue file is (a dry run) or became (a commit): the district, the file's coordinate system, every row, every
/// problem (position, field, message; none may remain to commit), notes, and after a commit the batch with its counts.
/// </summary>
public sealed record ClueBatchImportDto(string District, string? Crs, bool CanImport, int? BatchId, int Created, int Merged,
    IReadOnlyList<ClueBatchRowDto> Rows, IReadOnlyList<GeoProblem> Problems, IReadOnlyList<string> Notes)
{
    public static ClueBatchImportDto Of(ClueIntakeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var (preview, written) = (result.Preview, result.Written);
        return new(preview.DistrictCode, preview.Crs, preview.CanImport, written?.BatchId, written?.Created ?? 0, written?.Merged ?? 0,
            [.. preview.Rows.Select((r, i) => new ClueBatchRowDto(r.Position, r.Code, written?.ClueIds[i], r.TownshipCode, r.CooperatingTownshipCodes, r.DuplicateOf,
                Math.Round(r.AreaSquareMeters, 1), r.Activity))],
            preview.Problems, preview.Notes);
    }
}
