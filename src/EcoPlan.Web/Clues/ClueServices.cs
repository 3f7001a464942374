using EcoPlan.Core.Clues;
using EcoPlan.Core.Clues.Rules;
using EcoPlan.Core.Configuration;
using Microsoft.Extensions.Options;

namespace EcoPlan.Web.Clues;

public static class ClueServices
{
    /// <summary>The clue use cases as request services; the evidence rules are read once, at start, so a wrong file stops the start.</summary>
    public static IServiceCollection AddClues(this IServiceCollection services)
    {
        services.AddSingleton(sp => EvidenceRules.LoadFile(sp.GetRequiredService<IOptions<EcoPlanOptions>>().Value.Clues.EvidenceRulesFile));
        services.AddScoped(sp => new ClueWorkflow(sp.GetRequiredService<EcoPlanDbContext>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<EvidenceRules>()));
        services.AddScoped(sp => new ClueQueries(sp.GetRequiredService<EcoPlanDbContext>(), sp.GetRequiredService<TimeProvider>()));
        services.AddScoped(sp => new ClueStatistics(sp.GetRequiredService<EcoPlanDbContext>(), sp.GetRequiredService<TimeProvider>()));
        services.AddScoped(sp => new ClueEvidenceUpload(sp.GetRequiredService<EcoPlanDbContext>(), sp.GetRequiredService<TimeProvider>(),
            new EcoPlan.Core.Progress.AttachmentStorage(sp.GetRequiredService<EcoPlan.Core.Progress.IAttachmentStore>(),
                sp.GetRequiredService<IOptions<EcoPlanOptions>>().Value.Attachments.MaxBytes)));
        services.AddScoped(sp => new ClueLedger(sp.GetRequiredService<EcoPlanDbContext>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<EvidenceRules>()));
        services.AddScoped(sp => new ClueArchive(sp.GetRequiredService<EcoPlanDbContext>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<EvidenceRules>(),
            sp.GetRequiredService<EcoPlan.Core.Progress.IAttachmentStore>()));
        services.AddScoped(sp => new ClueIntake(sp.GetRequiredService<EcoPlanDbContext>(), sp.GetRequiredService<TimeProvider>()));
        services.AddScoped(sp => new ClueBatchWriter(sp.GetRequiredService<EcoPlanDbContext>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
