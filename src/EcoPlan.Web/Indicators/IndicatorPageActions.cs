using System.Globalization;
using EcoPlan.Core.Configuration;
using EcoPlan.Core.Data;
using EcoPlan.Core.Export;
using EcoPlan.Core.Indicators;
using EcoPlan.Core.Indicators.GepR;
using EcoPlan.Core.Plans;
using EcoPlan.Web.Accounts;
using EcoPlan.Web.Import;
using Microsoft.AspNetCore.Http.HttpResults;
using EcoPlan.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EcoPlan.Web.Indicators;

/// <summary>
/// The indicator pages' forms and downloads: EI import (all or nothing, only regions the user manages), the xlsx
/// templates (EI, GEP-R quantities and prices), achieved values of targets, the compensation table as xlsx.
/// </summary>
public static class IndicatorPageActions
{
    private const int MaxErrorsShown = 30;

    public static IEndpointRouteBuilder MapIndicatorPageActions(this IEndpointRouteBuilder app)
    {
        var limit = app.ServiceProvider.GetRequiredService<IOptions<EcoPlanOptions>>().Value.Import.MaxFileBytes + 64 * 1024;
        app.MapPost("/indicators/ei/import", ImportEi).RequireAuthorization(Policies.ManagePlans)
            .WithMetadata(new RequestSizeLimitAttribute(limit), new RequestFormLimitsAttribute { MultipartBodyLengthLimit = limit })
            .ExcludeFromDescription();
        app.MapGet("/indicators/ei/template.xlsx", EiTemplate).ExcludeFromDescription();
        app.MapPost("/indicators/ei/weights", UploadWeights).RequireAuthorization(Policies.Admin)
            .WithMetadata(new RequestSizeLimitAttribute(MethodologyWeightsStore.MaxBytes + 64 * 1024),
                new RequestFormLimitsAttribute { MultipartBodyLengthLimit = MethodologyWeightsStore.MaxBytes + 64 * 1024 })
            .ExcludeFromDescription();
        app.MapPost("/indicators/targets/{targetId:int}/achievements", SaveAchievement).RequireAuthorization(Policies.ManagePlans).ExcludeFromDescription();
        app.MapPost("/indicators/targets/{targetId:int}/edit", EditTarget).RequireAuthorization(Policies.ManagePlans).ExcludeFromDescription();
        app.MapPost("/indicators/targets/add", AddTarget).RequireAuthorization(Policies.ManagePlans).ExcludeFromDescription();
        app.MapPost("/indicators/gepr/import", ImportGepR).RequireAuthorization(Policies.ManagePlans)
            .WithMetadata(new RequestSizeLimitAttribute(2 * limit), new RequestFormLimitsAttribute { MultipartBodyLengthLimit = 2 * limit })
            .ExcludeFromDescription();
        app.MapGet("/indicators/gepr/compensation.xlsx", CompensationWorkbook).ExcludeFromDescription();
        app.MapGet("/indicators/gepr/template/{kind}.xlsx", GepRTemplate).ExcludeFromDescription();
        return app;
    }

    public static async Task<IResult> ImportEi(IFormFile? file, [FromForm] string? method, IOptions<EcoPlanOptions> options, EcoPlanDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var methodId = MethodologyCatalog.Ids.Contains(method) ? method! : MethodologyCatalog.Db11;
        if (file is null || string.IsNullOrEmpty(file.FileName))
        {
            return TypedResults.LocalRedirect($"/indicators/ei/import?method={methodId}&error=no-file");
        }

        if (file.Length == 0)
        {
            return BackToImport(methodId, [UiText.Get("Form_FileEmpty", file.FileName)]);
        }

        if (file.Length > options.Value.Import.MaxFileBytes)
        {
            return BackToImport(methodId, [UiText.Get("Form_FileOverLimit", file.FileName, ImportPageActions.MaxBytesKey)]);
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        var methodology = MethodologyCatalog.Load(methodId);
        var access = user.Required;
        var result = await new EiImporter(db, time).ImportAsync(buffer.ToArray(), file.FileName, methodology, access.UserName, access.CanManagePlansOf, cancellationToken);
        if (result.RefusedRegions.Count > 0)
        {
            return TypedResults.Forbid();
        }

        if (!result.Stored)
        {
            return BackToImport(methodId, result.Errors.Select(e => e.ToString(file.FileName)));
        }

        var latest = await db.EiRecords.Where(r => r.ImportId == result.Import!.Id).OrderByDescending(r => r.Year).ThenBy(r => r.RegionId)
            .Select(r => new { r.Region!.Code, r.Year }).FirstAsync(cancellationToken);
        return TypedResults.LocalRedirect(string.Create(CultureInfo.InvariantCulture,
            $"/indicators/ei?region={latest.Code}&year={latest.Year}&method={methodId}&imported={result.Records}&notices={result.Notices}"));
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

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        var result = await new MethodologyWeightsStore(db, time).UploadAsync(MethodologyCatalog.Db11, buffer.ToArray(), file.FileName, user.Required.UserName, cancellationToken);
        return result.Error is { } error ? new RedirectWithMessage(back, $"{file.FileName}: {error}", "weightsError") : TypedResults.LocalRedirect(back + "&weights=saved");
    }

    /// <summary>
    /// GEP-R quantities and/or prices from csv or xlsx, all or nothing, as `ecoplan gepr import`. A coordinator loads
    /// quantities of his or her region and the regions under it; prices hold for every region, so only admins and the
    /// coordinators of the top region (北京市) load them.
    /// </summary>
    public static async Task<IResult> ImportGepR(IFormFileCollection files, IOptions<EcoPlanOptions> options, EcoPlanDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(user);
        var access = user.Required;
        var quantities = files.GetFile("quantities") is { FileName.Length: > 0 } q ? q : null;
        var prices = files.GetFile("prices") is { FileName.Length: > 0 } p ? p : null;
        if (quantities is null && prices is null)
        {
            return TypedResults.LocalRedirect("/indicators/gepr/import?error=no-gepr-file");
        }

        var tooLarge = new[] { quantities, prices }.Where(f => f is not null && f.Length > options.Value.Import.MaxFileBytes).Select(f => UiText.Get("Form_FileOverLimit", f!.FileName, ImportPageActions.MaxBytesKey)).ToList();
        if (tooLarge.Count > 0)
        {
            return BackToGepRImport(tooLarge);
        }

        var parents = await db.Regions.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.ParentId, cancellationToken);
        if (prices is not null && !parents.Where(r => r.Value is null).Any(r => access.CanManagePlansOf(r.Key)))
        {
            return TypedResults.Forbid();
        }

        bool MayImport(int regionId)
        {
            for (int? id = regionId; id is { } current; id = parents.GetValueOrDefault(current))
            {
                if (access.CanManagePlansOf(current))
                {
                    return true;
                }
            }

            return false;
        }

        var result = await new GepRStore(db, time).ImportAsync(await ReadAsync(quantities, cancellationToken), await ReadAsync(prices, cancellationToken), access.UserName, MayImport, cancellationToken);
        if (result.RefusedRegions.Count > 0)
        {
            return TypedResults.Forbid();
        }

        if (!result.Stored)
        {
            return BackToGepRImport(result.Errors.Select(e => e.ToString()));
        }

        return TypedResults.LocalRedirect(string.Create(CultureInfo.InvariantCulture, $"/indicators/gepr?quantities={result.Quantities}&prices={result.Prices}"));
    }

    private static async Task<GepRInputFile?> ReadAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        return new GepRInputFile(Path.GetFileName(file.FileName), buffer.ToArray());
    }

    private static RedirectWithMessage BackToGepRImport(IEnumerable<string> errors) => new("/indicators/gepr/import", string.Join('\n', Shown(errors)));

    /// <summary>The first <see cref="MaxErrorsShown"/> errors, and how many more there are.</summary>
    private static List<string> Shown(IEnumerable<string> errors)
    {
        var list = errors.ToList();
        var shown = list.Take(MaxErrorsShown).ToList();
        if (list.Count > MaxErrorsShown)
        {
            shown.Add(UiText.Get("Form_MoreErrors", list.Count - MaxErrorsShown));
        }

        return shown;
    }

    public static IResult EiTemplate(string? method)
    {
        if (method is not null && !MethodologyCatalog.Ids.Contains(method))
        {
            return TypedResults.BadRequest(UiText.Get("Api_MethodOneOf", string.Join(", ", MethodologyCatalog.Ids)));
        }

        var methodology = MethodologyCatalog.Load(method ?? MethodologyCatalog.Db11);
        return Workbook(IndicatorTemplates.Ei(methodology), $"ei-{methodology.Id}-template.xlsx");
    }

    /// <summary>The GEP-R quantities or prices template, with the Chinese column names.</summary>
    public static IResult GepRTemplate(string kind) => kind switch
    {
        "quantities" => Workbook(IndicatorTemplates.GepRQuantities(), "gepr-quantities-template.xlsx"),
        "prices" => Workbook(IndicatorTemplates.GepRPrices(), "gepr-prices-template.xlsx"),
        _ => TypedResults.NotFound(),
    };

    private static FileContentHttpResult Workbook(IReadOnlyList<XlsxSheet> sheets, string fileName)
    {
        using var buffer = new MemoryStream();
        SimpleXlsxWriter.Write(buffer, sheets);
        return TypedResults.File(buffer.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", fileName);
    }

    public static async Task<IResult> SaveAchievement(int targetId, [FromForm] IFormCollection form, EcoPlanDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(user);
        var target = await db.Targets.Where(t => t.Id == targetId)
            .Select(t => new { PlanId = t.Measure!.Task!.Section!.PlanId, PlanRegionId = t.Measure.Task.Section.Plan!.RegionId, t.Unit, t.Comparator })
            .SingleOrDefaultAsync(cancellationToken);
        if (target is null)
        {
            return TypedResults.NotFound();
        }

        var regionCode = form["region"].ToString();
        var region = await db.Regions.Where(r => r.Code == regionCode).Select(r => new { r.Id, r.ParentId }).SingleOrDefaultAsync(cancellationToken);
        int.TryParse(form["year"], NumberStyles.None, CultureInfo.InvariantCulture, out var year);
        var back = string.Create(CultureInfo.InvariantCulture, $"/indicators/targets?plan={target.PlanId}&year={year}");
        IResult Back(string? error) => error is null ? TypedResults.LocalRedirect(back) : new RedirectWithMessage(back, error);
        if (region is null || (region.Id != target.PlanRegionId && region.ParentId != target.PlanRegionId))
        {
            return Back(UiText.Get("Form_RegionNotOfPlan", regionCode));
        }

        // The plan's coordinator enters any district; a district's coordinator its own district.
        if (!await user.IsAllowedAsync(new ManagePlansOf(target.PlanRegionId)) && !await user.IsAllowedAsync(new ManagePlansOf(region.Id)))
        {
            return TypedResults.Forbid();
        }

        if (year is < SubIndexCsv.MinYear or > SubIndexCsv.MaxYear)
        {
            return Back(UiText.Get("Form_YearRange"));
        }

        if (!TryNumber(form["value"], out var value) || value is null)
        {
            return Back(UiText.Get("Form_AchievedNotNumber", form["value"].ToString()));
        }

        if (!TryNumber(form["weight"], out var weight) || weight is <= 0)
        {
            return Back(UiText.Get("Form_WeightNotArea", form["weight"].ToString()));
        }

        var source = form["source"].ToString().Trim();
        if (source.Length is 0 or > 200)
        {
            return Back(UiText.Get("Form_SourceNeeded"));
        }

        await TargetProgress.SaveAsync(db, targetId, region.Id, year, value.Value, weight, source, user.Required.UserName, time.GetUtcNow().UtcDateTime, cancellationToken);
        return Back(null);
    }

    public static Task<IResult> EditTarget(int targetId, [FromForm] IFormCollection form, EcoPlanDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return SaveTarget(form, db, time, (editor, input) => editor.UpdateAsync(user.Required, targetId, input, cancellationToken),
            async () => await db.Targets.Where(t => t.Id == targetId).Select(t => (int?)t.Measure!.Task!.Section!.PlanId).SingleOrDefaultAsync(cancellationToken));
    }

    /// <summary>Adds a target to the measure named by the form field <c>measure</c> (a form without script cannot change its action by the chosen measure).</summary>
    public static Task<IResult> AddTarget([FromForm] IFormCollection form, EcoPlanDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(user);
        int.TryParse(form["measure"], NumberStyles.None, CultureInfo.InvariantCulture, out var measureId);
        return SaveTarget(form, db, time, (editor, input) => editor.AddAsync(user.Required, measureId, input, cancellationToken),
            async () => await db.Measures.Where(m => m.Id == measureId).Select(m => (int?)m.Task!.Section!.PlanId).SingleOrDefaultAsync(cancellationToken));
    }

    /// <summary>Reads the target form (culture-invariant numbers), saves through <see cref="TargetEditor"/> and goes back to the targets page, with the errors when invalid.</summary>
    private static async Task<IResult> SaveTarget(IFormCollection form, EcoPlanDbContext db, TimeProvider time,
        Func<TargetEditor, TargetInput, Task<TargetEditResult>> save, Func<Task<int?>> planOf)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (await planOf() is not { } planId)
        {
            return TypedResults.NotFound();
        }

        int.TryParse(form["year"], NumberStyles.None, CultureInfo.InvariantCulture, out var year);
        var back = string.Create(CultureInfo.InvariantCulture, $"/indicators/targets?plan={planId}") + (year > 0 ? string.Create(CultureInfo.InvariantCulture, $"&year={year}") : "");
        IResult Back(IEnumerable<string> errors) => errors.Any() ? new RedirectWithMessage(back, string.Join(UiText.Get("Form_ErrorSeparator"), errors)) : TypedResults.LocalRedirect(back);

        var errors = new List<string>();
        if (!TryNumber(form["value"], out var value))
        {
            errors.Add(UiText.Get("Form_ValueNotNumber", form["value"].ToString()));
        }

        if (!TryNumber(form["baseline"], out var baseline))
        {
            errors.Add(UiText.Get("Form_BaselineNotNumber", form["baseline"].ToString()));
        }

        if (!Enum.TryParse<TargetComparator>(form["comparator"], ignoreCase: false, out var comparator) || !Enum.IsDefined(comparator)
            || int.TryParse(form["comparator"], CultureInfo.InvariantCulture, out _))
        {
            errors.Add(UiText.Get("Form_ComparatorUnknown", form["comparator"].ToString()));
        }

        var owners = new List<int>();
        foreach (var text in form["owners"])
        {
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                owners.Add(id);
            }
            else
            {
                errors.Add(UiText.Get("Form_OwnerUnknown", text));
            }
        }

        if (errors.Count > 0)
        {
            return Back(errors);
        }

        var result = await save(new TargetEditor(db, time), new TargetInput(form["metric"].ToString(), form["unit"].ToString(), comparator, value, baseline, owners));
        return result.Outcome switch
        {
            TargetEditOutcome.Saved => TypedResults.LocalRedirect(back + string.Create(CultureInfo.InvariantCulture, $"#target-{result.TargetId}")),
            TargetEditOutcome.NotFound => TypedResults.NotFound(),
            TargetEditOutcome.Forbidden => TypedResults.Forbid(),
            _ => Back(result.Errors),
        };
    }

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

    private static bool TryNumber(string? text, out decimal? value)
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

    private static RedirectWithMessage BackToImport(string method, IEnumerable<string> errors) => new($"/indicators/ei/import?method={method}", string.Join('\n', Shown(errors)));
}
