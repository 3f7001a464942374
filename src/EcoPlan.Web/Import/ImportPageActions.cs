using EcoPlan.Core.Configuration;
using EcoPlan.Core.Import;
using EcoPlan.Core.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace EcoPlan.Web.Import;

/// <summary>
/// The import pages' forms: upload (parse at once, keep the file only if it parses), then confirm with the
/// person's decisions on unknown units and leaders. Nothing reaches the database before confirm.
/// </summary>
public static class ImportPageActions
{
    public const string MaxBytesKey = ImportOptions.MaxFileBytesKey;

    public static IEndpointRouteBuilder MapImportPageActions(this IEndpointRouteBuilder app)
    {
        // The server refuses a larger body before reading it (a little over the limit, for the form's own fields).
        var file = app.ServiceProvider.GetRequiredService<IOptions<EcoPlanOptions>>().Value.Import.MaxFileBytes;
        var limit = file + 64 * 1024;
        app.MapPost("/plans/import", Upload).RequireAuthorization(Policies.ManagePlans)
            .WithMetadata(new RequestSizeLimitAttribute(limit), new RequestFormLimitsAttribute { MultipartBodyLengthLimit = limit }, new Input.UploadLimit(file, "/plans/import"))
            .ExcludeFromDescription();
        app.MapPost("/plans/import/{key}/confirm", Confirm).RequireAuthorization(Policies.ManagePlans).ExcludeFromDescription();
        return app;
    }

    public static async Task<IResult> Upload(IFormFile? file, IOptions<EcoPlanOptions> options, IUploadStore uploads, CancellationToken cancellationToken)
    {
        if (file is null || string.IsNullOrEmpty(file.FileName))
        {
            return TypedResults.LocalRedirect("/plans/import?error=no-file");
        }

        var limit = options.Value.Import.MaxFileBytes;
        if (file.Length > limit)
        {
            return Back($"{file.FileName}: " + CoreText.Get("Import_TooLarge", (file.Length / 1024.0 / 1024.0).ToString("0.#", CultureInfo.InvariantCulture), (limit / 1024.0 / 1024.0).ToString("0.#", CultureInfo.InvariantCulture)));
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.ToArray();
        try
        {
            await PlanDocumentReader.ReadAsync(bytes, file.FileName, maxBytes: limit, cancellationToken: cancellationToken);
        }
        catch (PlanImportException ex)
        {
            return Back(ex.Message);
        }

        var key = await uploads.SaveAsync(bytes, file.FileName, cancellationToken);
        return TypedResults.LocalRedirect($"/plans/import/{key}");
    }

    public static async Task<IResult> Confirm(string key, [FromForm] IFormCollection form, IUploadStore uploads, IOptions<EcoPlanOptions> options,
        EcoPlanDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(user);
        if (await uploads.ReadAsync(key, cancellationToken) is not { } upload)
        {
            return TypedResults.LocalRedirect("/plans/import?error=upload-gone");
        }

        var document = await PlanDocumentReader.ReadAsync(upload.Content, upload.FileName, maxBytes: options.Value.Import.MaxFileBytes, cancellationToken: cancellationToken);
        var result = await new PlanImporter(db, time).ConfirmAsync(user.Required, document, Decisions(form), cancellationToken);
        if (result.Succeeded)
        {
            await uploads.DeleteAsync(key, cancellationToken);
        }

        // Undecided names or no region: the preview page again, with what is missing.
        return result.ToPage(planId => TypedResults.LocalRedirect($"/plans/{planId}"), $"/plans/import/{key}");
    }

    /// <summary>Form fields: unit:NAME = an organization id or "new" (empty: undecided); leader:NAME likewise; region; publish; asNewVersion; recognizedTextChecked.</summary>
    internal static ImportDecisions Decisions(IFormCollection form)
    {
        var units = new Dictionary<string, int>(StringComparer.Ordinal);
        var createUnits = new List<string>();
        var leaders = new Dictionary<string, int>(StringComparer.Ordinal);
        var createLeaders = new List<string>();
        foreach (var (field, value) in form)
        {
            var (map, create) = field.StartsWith("unit:", StringComparison.Ordinal) ? (units, createUnits)
                : field.StartsWith("leader:", StringComparison.Ordinal) ? (leaders, createLeaders)
                : (null, null);
            if (map is null || create is null)
            {
                continue;
            }

            var name = field[(field.IndexOf(':', StringComparison.Ordinal) + 1)..];
            if (value == "new")
            {
                create.Add(name);
            }
            else if (int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var id))
            {
                map[name] = id;
            }
        }

        return new ImportDecisions
        {
            UnitMappings = units,
            CreateUnits = createUnits,
            LeaderMappings = leaders,
            CreateLeaders = createLeaders,
            RegionCode = form["region"] is { Count: > 0 } region && region[0] is { Length: > 0 } code ? code : null,
            Publish = form["publish"] == "true",
            AsNewVersion = form["asNewVersion"] == "true",
            RecognizedTextChecked = form["recognizedTextChecked"] == "true",
        };
    }

    private static RedirectWithMessage Back(string error) => new("/plans/import", error);
}
