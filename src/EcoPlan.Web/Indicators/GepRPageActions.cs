using EcoPlan.Core;
using EcoPlan.Core.Configuration;
using EcoPlan.Core.Indicators;
using EcoPlan.Core.Indicators.GepR;
using EcoPlan.Web.Import;
using Microsoft.Extensions.Options;

namespace EcoPlan.Web.Indicators;

/// <summary>The GEP-R pages' forms and downloads: quantities and prices import, the templates, the compensation table as xlsx.</summary>
public static class GepRPageActions
{
    private const string ImportPage = "/indicators/gepr/import";

    /// <summary>GEP-R quantities and/or prices from csv or xlsx, all or nothing, as `ecoplan gepr import`; who may load what is <see cref="GepRImporting"/>'s to decide.</summary>
    public static async Task<IResult> Import(IFormFileCollection files, IOptions<EcoPlanOptions> options, EcoPlanDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(user);
        var quantities = files.GetFile("quantities") is { FileName.Length: > 0 } q ? q : null;
        var prices = files.GetFile("prices") is { FileName.Length: > 0 } p ? p : null;
        if (quantities is null && prices is null)
        {
            return TypedResults.LocalRedirect(ImportPage + "?error=no-gepr-file");
        }

        var tooLarge = new[] { quantities, prices }.Where(f => f is not null && f.Length > options.Value.Import.MaxFileBytes)
            .Select(f => UiText.Get("Form_FileOverLimit", f!.FileName, ImportPageActions.MaxBytesKey)).ToList();
        if (tooLarge.Count > 0)
        {
            return new RedirectWithMessage(ImportPage, string.Join('\n', tooLarge));
        }

        var result = await new GepRImporting(db, time).ImportAsync(user.Required, await ReadAsync(quantities, cancellationToken), await ReadAsync(prices, cancellationToken), cancellationToken);
        if (result.Error is UseCaseError.Invalid invalid)
        {
            return new RedirectWithMessage(ImportPage, IndicatorPageActions.Shown(invalid.Message));
        }

        return result.ToPage(done => TypedResults.LocalRedirect(string.Create(CultureInfo.InvariantCulture, $"/indicators/gepr?quantities={done.Quantities}&prices={done.Prices}")), ImportPage);
    }

    private static async Task<GepRInputFile?> ReadAsync(IFormFile? file, CancellationToken cancellationToken) =>
        file is null ? null : new GepRInputFile(Path.GetFileName(file.FileName), await IndicatorPageActions.ReadAsync(file, cancellationToken));

    /// <summary>The GEP-R quantities or prices template, with the Chinese column names.</summary>
    public static IResult Template(string kind) => kind switch
    {
        "quantities" => IndicatorPageActions.Workbook(IndicatorTemplates.GepRQuantities(), "gepr-quantities-template.xlsx"),
        "prices" => IndicatorPageActions.Workbook(IndicatorTemplates.GepRPrices(), "gepr-prices-template.xlsx"),
        _ => TypedResults.NotFound(),
    };

    public static async Task<IResult> CompensationWorkbook(int? year, CompensationRulesSource rulesSource, EcoPlanDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var (rules, error) = rulesSource.Current();
        if (rules is null)
        {
            return TypedResults.Problem(error, statusCode: StatusCodes.Status500InternalServerError);
        }

        var (result, why) = await new GepRStore(db, time).CompensateAsync(rules, year, cancellationToken);
        if (result is null)
        {
            return TypedResults.NotFound(why);
        }

        using var buffer = new MemoryStream();
        CompensationXlsx.Write(buffer, result);
        return TypedResults.File(buffer.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            string.Create(CultureInfo.InvariantCulture, $"gepr-compensation-{result.Year}.xlsx"));
    }
}
