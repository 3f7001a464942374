using EcoPlan.Core.Clues;
using EcoPlan.Core.Configuration;
using EcoPlan.Web.Import;
using EcoPlan.Web.Input;
using Microsoft.Extensions.Options;

namespace EcoPlan.Web.Clues;

/// <summary>
/// The clue batch pages' forms, as the plan import's: the upload is previewed (a dry run of the intake) and kept in the
/// upload store under its hash; the preview page shows it; confirm imports the kept file by that key, all or nothing.
/// The batch's fields travel in the preview's address and come back in the confirm form; the file never does.
/// </summary>
public static class ClueBatchPageActions
{
    public const string UploadPage = "/clues/batches/new";

    public static IEndpointRouteBuilder MapClueBatchPageActions(this IEndpointRouteBuilder app)
    {
        var file = app.ServiceProvider.GetRequiredService<IOptions<EcoPlanOptions>>().Value.Import.MaxFileBytes;
        app.MapPost(UploadPage, Upload).RequireAuthorization(Policies.ManagePlans).WithUploadLimit(file, UploadPage).ExcludeFromDescription();
        app.MapPost(UploadPage + "/{key}/confirm", Confirm).RequireAuthorization(Policies.ManagePlans).ExcludeFromDescription();
        return app;
    }

    public static async Task<IResult> Upload(IFormFile? file, [AsParameters] ClueBatchForm form, ClueIntake intake, IUploadStore uploads, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(intake);
        ArgumentNullException.ThrowIfNull(uploads);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(time);
        var read = form.Read();
        if (read.Value is not { } fields)
        {
            return read.ToPage(_ => TypedResults.LocalRedirect(UploadPage), UploadPage);
        }

        var back = $"{UploadPage}?{fields.Query()}";
        if (file is null || string.IsNullOrEmpty(file.FileName))
        {
            return new RedirectWithMessage(back, UiText.Get("ClueBatchNoFile"));
        }

        var upload = await Progress.ProgressServices.UploadAsync(file, cancellationToken);
        // A file the intake refuses as a whole (another district's, a wrong deadline) is not kept; one with problems is, to show them.
        var preview = await intake.RunAsync(user.Required, new MemoryStream(upload.Content, writable: false), upload.FileName, fields.Request(time),
            import: false, cancellationToken);
        if (!preview.Succeeded)
        {
            return preview.ToPage(_ => TypedResults.LocalRedirect(back), back);
        }

        var key = await uploads.SaveAsync(upload.Content, upload.FileName, cancellationToken);
        return TypedResults.LocalRedirect($"{UploadPage}/{key}?{fields.Query()}");
    }

    public static async Task<IResult> Confirm(string key, [AsParameters] ClueBatchForm form, ClueIntake intake, IUploadStore uploads, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(intake);
        ArgumentNullException.ThrowIfNull(uploads);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(time);
        var read = form.Read();
        if (read.Value is not { } fields)
        {
            return read.ToPage(_ => TypedResults.LocalRedirect(UploadPage), $"{UploadPage}/{key}");
        }

        if (await uploads.ReadAsync(key, cancellationToken) is not { } upload)
        {
            return new RedirectWithMessage($"{UploadPage}?{fields.Query()}", UiText.Get("ClueBatchUploadGone"));
        }

        var result = await intake.RunAsync(user.Required, new MemoryStream(upload.Content, writable: false), upload.FileName, fields.Request(time),
            import: true, cancellationToken);
        if (result.Succeeded)
        {
            await uploads.DeleteAsync(key, cancellationToken);
        }

        // Refused (a problem, a clue closed since the preview): the preview again, with why; nothing was stored.
        return result.ToPage(done => TypedResults.LocalRedirect($"/clues?batch={done.Written!.BatchId}&imported={done.Written.Created + done.Written.Merged}"),
            $"{UploadPage}/{key}?{fields.Query()}");
    }
}
