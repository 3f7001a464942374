using EcoPlan.Core.Configuration;
using EcoPlan.Core.Progress;
using Microsoft.Extensions.Options;

namespace EcoPlan.Web.Progress;

/// <summary>The reporting workflow as a request service, with where its attachments go and how large one may be.</summary>
public static class ProgressServices
{
    public static IServiceCollection AddProgressWorkflow(this IServiceCollection services) =>
        services.AddScoped(sp => new ProgressWorkflow(sp.GetRequiredService<EcoPlanDbContext>(), sp.GetRequiredService<TimeProvider>(),
            new AttachmentStorage(sp.GetRequiredService<IAttachmentStore>(),
                sp.GetRequiredService<IOptions<EcoPlanOptions>>().Value.Attachments.MaxBytes)));

    /// <summary>An uploaded file's name and bytes, for the workflow to check.</summary>
    public static async Task<AttachmentUpload> UploadAsync(IFormFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        return new AttachmentUpload(file.FileName, buffer.ToArray());
    }
}
