using EcoPlan.Core;
using EcoPlan.Core.Clues;
using EcoPlan.Core.Spatial;
using EcoPlan.Web.Input;
using Microsoft.AspNetCore.Mvc;

namespace EcoPlan.Web.Clues;

/// <summary>
/// A batch's fields as a form posts them (the API, the upload page, the preview's confirm), bound as text: an input left
/// empty is an empty string, which <see cref="Read"/> takes for "not given" where typed binding would refuse it.
/// </summary>
public sealed record ClueBatchForm([property: FromForm(Name = "source")] string? Source, [property: FromForm(Name = "name")] string? Name,
    [property: FromForm(Name = "receivedOn")] string? ReceivedOn, [property: FromForm(Name = "verifyBy")] string? VerifyBy,
    [property: FromForm(Name = "rectifyBy")] string? RectifyBy, [property: FromForm(Name = "measureId")] string? MeasureId,
    [property: FromForm(Name = "district")] string? District)
{
    public UseCaseResult<ClueBatchFields> Read() => ClueBatchFields.Read(Source, Name, ReceivedOn, VerifyBy, RectifyBy, MeasureId, District);
}

/// <summary>
/// A batch's fields as the API's form, the upload page's form and the preview page's query send them (source, name,
/// receivedOn, verifyBy, rectifyBy, measureId, district); the same names everywhere, so the preview's confirm form
/// sends back exactly what was previewed.
/// </summary>
public sealed record ClueBatchFields(ClueSource Source, string? Name, DateOnly? ReceivedOn, DateOnly? VerifyBy, DateOnly? RectifyBy, int? MeasureId, string? District)
{
    /// <summary>The request for the intake; no day received means today (the checks of every field are the intake's).</summary>
    public ClueBatchRequest Request(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return new(Name?.Trim() ?? "", Source, District?.Trim() ?? "", ReceivedOn ?? DateOnly.FromDateTime(time.GetLocalNow().DateTime),
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

        Add("source", Source.ToString());
        Add("name", Name);
        Add("receivedOn", Day(ReceivedOn));
        Add("verifyBy", Day(VerifyBy));
        Add("rectifyBy", Day(RectifyBy));
        Add("measureId", MeasureId?.ToString(CultureInfo.InvariantCulture));
        Add("district", District);
        return string.Join('&', fields);
    }

    /// <summary>
    /// The fields as text, as a browser sends a form (an input left empty is an empty string: not given) and the preview's
    /// query carries them; refused naming the first field that does not read (a day is yyyy-MM-dd) or the missing source.
    /// </summary>
    public static UseCaseResult<ClueBatchFields> Read(string? source, string? name, string? receivedOn, string? verifyBy, string? rectifyBy, string? measureId,
        string? district)
    {
        if (string.IsNullOrWhiteSpace(source))
        {
            return new UseCaseError.Invalid("source", UiText.Get("ClueBatchNoSource"));
        }

        if (!Enum.TryParse<ClueSource>(source.Trim(), ignoreCase: true, out var programme) || !Enum.IsDefined(programme))
        {
            return new UseCaseError.Invalid("source", InputValues.NotA("source", source, typeof(ClueSource)));
        }

        var received = Day("receivedOn", receivedOn, out var wrong);
        var verify = wrong is null ? Day("verifyBy", verifyBy, out wrong) : null;
        var rectify = wrong is null ? Day("rectifyBy", rectifyBy, out wrong) : null;
        if (wrong is not null)
        {
            return wrong;
        }

        int? measure = null;
        if (!string.IsNullOrWhiteSpace(measureId))
        {
            if (!int.TryParse(measureId.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return new UseCaseError.Invalid("measureId", InputValues.NotA("measureId", measureId, typeof(int)));
            }

            measure = id;
        }

        return new ClueBatchFields(programme, string.IsNullOrWhiteSpace(name) ? null : name, received, verify, rectify, measure,
            string.IsNullOrWhiteSpace(district) ? null : district.Trim());
    }

    private static DateOnly? Day(string field, string? text, out UseCaseError.Invalid? wrong)
    {
        wrong = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        wrong = new UseCaseError.Invalid(field, InputValues.NotA(field, text, typeof(DateOnly)));
        return null;
    }

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
