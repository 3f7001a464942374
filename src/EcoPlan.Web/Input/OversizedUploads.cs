using Microsoft.AspNetCore.Http.Metadata;

namespace EcoPlan.Web.Input;

/// <summary>An upload endpoint's file limit, and the page (with its message parameter) a refused form returns to; no page for an API.</summary>
public sealed record UploadLimit(long FileBytes, string? Page = null, string Parameter = "error");

/// <summary>
/// Refuses an upload whose declared length is over its endpoint's size limit before anything reads the body. Without
/// this the anti-forgery check reads the form first, fails on the size, and the person gets a bare 400; now the page
/// says "文件大于 20 MB" (the configured limit) and the API answers 413 with the same words.
/// </summary>
public static class OversizedUploads
{
    public static IApplicationBuilder UseOversizedUploadRefusal(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Use(async (context, next) =>
        {
            var endpoint = context.GetEndpoint();
            if (endpoint?.Metadata.GetMetadata<UploadLimit>() is { } upload
                && endpoint.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize is { } limit
                && context.Request.ContentLength > limit)
            {
                var message = UiText.Get("Upload_TooLarge", Megabytes(upload.FileBytes));
                // The body is not read: tell the client not to keep the connection for the rest of it.
                context.Response.Headers.Connection = "close";
                await (upload.Page is { } page
                    ? (IResult)new RedirectWithMessage(page, message, upload.Parameter)
                    : TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: UiText.Get("Upload_TooLargeTitle"), detail: message))
                    .ExecuteAsync(context);
                return;
            }

            await next(context);
        });
    }

    /// <summary>"20" for 20 MB, "0.5" for 512 KB.</summary>
    public static string Megabytes(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.#", CultureInfo.InvariantCulture);
}

public static class UploadEndpoints
{
    /// <summary>
    /// An upload endpoint's limits: the server refuses a body over <paramref name="fileBytes"/> (and a little for the
    /// form's own fields) before reading it, with the page <paramref name="page"/> to return to, or none for an API.
    /// </summary>
    public static RouteHandlerBuilder WithUploadLimit(this RouteHandlerBuilder builder, long fileBytes, string? page = null)
    {
        var limit = fileBytes + 64 * 1024;
        return builder.WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(limit),
            new Microsoft.AspNetCore.Mvc.RequestFormLimitsAttribute { MultipartBodyLengthLimit = limit }, new UploadLimit(fileBytes, page));
    }
}
