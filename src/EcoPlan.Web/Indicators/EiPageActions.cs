using EcoPlan.Core.Configuration;
using EcoPlan.Core.Indicators;
using EcoPlan.Web.Import;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Mvc;

namespace EcoPlan.Web.Indicators;

/// <summary>The EI pages' forms: the import (all or nothing, only regions the user may import), the template, an admin's weights file.</summary>
public static class EiPageActions
{
    public static async Task<IResult> Import(IFormFile? file, [FromForm] string? method, IOptions<EcoPlanOptions> options, EcoPlanDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var methodId = MethodologyCatalog.Ids.Contains(method) ? method! : MethodologyCatalog.Db11;
        var back = $"/indicators/ei/import?method={methodId}";
        if (file is null || string.IsNullOrEmpty(file.FileName))
        {
            return TypedResults.LocalRedirect(back + "&error=no-file");
        }

        if (file.Length == 0)
        {
            return new RedirectWithMessage(back, UiText.Get("Form_FileEmpty", file.FileName));
        }

        if (file.Length > options.Value.Import.MaxFileBytes)
        {
            return new RedirectWithMessage(back, UiText.Get("Form_FileOverLimit", file.FileName, ImportPageActions.MaxBytesKey));
        }

        var result = await new EiImporter(db, time).ImportAsync(user.Required, await IndicatorPageActions.ReadAsync(file, cancellationToken), file.FileName,
            MethodologyCatalog.Load(methodId), cancellationToken);
        if (result.Error is { } error and not Core.UseCaseError.Forbidden)
        {
            return new RedirectWithMessage(back, IndicatorPageActions.Shown(error.Message));
        }

        return result.ToPage(done => TypedResults.LocalRedirect(string.Create(CultureInfo.InvariantCulture,
            $"/indicators/ei?region={done.RegionCode}&year={done.Year}&method={methodId}&imported={done.Records}&notices={done.Notices}")), back);
    }

    public static IResult Template(string? method)
    {
        if (method is not null && !MethodologyCatalog.Ids.Contains(method))
        {
            return TypedResults.BadRequest(UiText.Get("Api_MethodOneOf", string.Join(", ", MethodologyCatalog.Ids)));
        }

        var methodology = MethodologyCatalog.Load(method ?? MethodologyCatalog.Db11);
        return IndicatorPageActions.Workbook(IndicatorTemplates.Ei(methodology), $"ei-{methodology.Id}-template.xlsx");
    }

    /// <summary>An admin's weights file for db11-1877: checked and stored (who, when, source), or refused with the reason.</summary>
    public static async Task<IResult> UploadWeights(IFormFile? file, [FromForm] string? region, EcoPlanDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var back = "/indicators/ei?method=" + MethodologyCatalog.Db11 + (string.IsNullOrEmpty(region) ? "" : "&region=" + Uri.EscapeDataString(region));
        if (file is null || string.IsNullOrEmpty(file.FileName))
        {
            return TypedResults.LocalRedirect(back + "&weightsError=no-file");
        }

        if (file.Length > MethodologyWeightsStore.MaxBytes)
        {
            return new RedirectWithMessage(back, UiText.Get("Form_FileOverKiB", file.FileName, MethodologyWeightsStore.MaxBytes / 1024), "weightsError");
        }

        var result = await new MethodologyWeightsStore(db, time).UploadAsync(user.Required, MethodologyCatalog.Db11, await IndicatorPageActions.ReadAsync(file, cancellationToken), file.FileName, cancellationToken);
        return result.Error is { } error and not Core.UseCaseError.Forbidden
            ? new RedirectWithMessage(back, error.Message, "weightsError")
            : result.ToPage(_ => TypedResults.LocalRedirect(back + "&weights=saved"), back);
    }
}
