using EcoPlan.Core.Configuration;
using EcoPlan.Core.Export;
using EcoPlan.Core.Indicators;
using EcoPlan.Web.Input;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace EcoPlan.Web.Indicators;

/// <summary>
/// The indicator pages' forms and downloads, one file per feature: EI (<see cref="EiPageActions"/>), GEP-R
/// (<see cref="GepRPageActions"/>), plan targets (<see cref="TargetPageActions"/>). Each form calls one Core use case,
/// which decides who may; this file maps them and holds what the forms share.
/// </summary>
public static class IndicatorPageActions
{
    private const int MaxErrorsShown = 30;

    public static IEndpointRouteBuilder MapIndicatorPageActions(this IEndpointRouteBuilder app)
    {
        var file = app.ServiceProvider.GetRequiredService<IOptions<EcoPlanOptions>>().Value.Import.MaxFileBytes;
        var limit = file + 64 * 1024;
        app.MapPost("/indicators/ei/import", EiPageActions.Import).RequireAuthorization(Policies.ManagePlans)
            .WithMetadata(new RequestSizeLimitAttribute(limit), new RequestFormLimitsAttribute { MultipartBodyLengthLimit = limit }, new UploadLimit(file, "/indicators/ei/import"))
            .ExcludeFromDescription();
        app.MapGet("/indicators/ei/template.xlsx", EiPageActions.Template).ExcludeFromDescription();
        app.MapPost("/indicators/ei/weights", EiPageActions.UploadWeights).RequireAuthorization(Policies.Admin)
            .WithMetadata(new RequestSizeLimitAttribute(MethodologyWeightsStore.MaxBytes + 64 * 1024),
                new RequestFormLimitsAttribute { MultipartBodyLengthLimit = MethodologyWeightsStore.MaxBytes + 64 * 1024 },
                new UploadLimit(MethodologyWeightsStore.MaxBytes, "/indicators/ei", "weightsError"))
            .ExcludeFromDescription();
        app.MapPost("/indicators/targets/{targetId:int}/achievements", TargetPageActions.SaveAchievement).RequireAuthorization(Policies.ManagePlans).ExcludeFromDescription();
        app.MapPost("/indicators/targets/{targetId:int}/edit", TargetPageActions.Edit).RequireAuthorization(Policies.ManagePlans).ExcludeFromDescription();
        app.MapPost("/indicators/targets/add", TargetPageActions.Add).RequireAuthorization(Policies.ManagePlans).ExcludeFromDescription();
        app.MapPost("/indicators/gepr/import", GepRPageActions.Import).RequireAuthorization(Policies.ManagePlans)
            .WithMetadata(new RequestSizeLimitAttribute(2 * limit), new RequestFormLimitsAttribute { MultipartBodyLengthLimit = 2 * limit }, new UploadLimit(file, "/indicators/gepr/import"))
            .ExcludeFromDescription();
        app.MapGet("/indicators/gepr/compensation.xlsx", GepRPageActions.CompensationWorkbook).ExcludeFromDescription();
        app.MapGet("/indicators/gepr/template/{kind}.xlsx", GepRPageActions.Template).ExcludeFromDescription();
        return app;
    }

    /// <summary>An import's refusal as its form shows it: the first <see cref="MaxErrorsShown"/> lines of the message, and how many more there are.</summary>
    internal static string Shown(string message)
    {
        var list = message.Split('\n');
        var shown = list.Take(MaxErrorsShown).ToList();
        if (list.Length > MaxErrorsShown)
        {
            shown.Add(UiText.Get("Form_MoreErrors", list.Length - MaxErrorsShown));
        }

        return string.Join('\n', shown);
    }

    internal static async Task<byte[]> ReadAsync(IFormFile file, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    internal static FileContentHttpResult Workbook(IReadOnlyList<XlsxSheet> sheets, string fileName)
    {
        using var buffer = new MemoryStream();
        SimpleXlsxWriter.Write(buffer, sheets);
        return TypedResults.File(buffer.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", fileName);
    }

    /// <summary>A culture-invariant number, blank as null; false when the text is not a number.</summary>
    internal static bool TryNumber(string? text, out decimal? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (decimal.TryParse(text.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed))
        {
            value = parsed;
            return true;
        }

        return false;
    }
}
