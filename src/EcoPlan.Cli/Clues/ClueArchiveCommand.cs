using EcoPlan.Core.Accounts;
using EcoPlan.Core.Clues;
using EcoPlan.Core.Clues.Rules;
using EcoPlan.Core.Configuration;
using EcoPlan.Core.Progress;
using Microsoft.Extensions.Options;

namespace EcoPlan.Cli.Clues;

/// <summary><c>ecoplan clue archive ID -o FILE.zip</c>: a clue's 销号 archive, as the web app's download writes it.</summary>
internal static class ClueArchiveCommand
{
    public static Command Create()
    {
        var id = new Argument<int>("ID") { Description = "The clue's id (see `ecoplan clue list`)." };
        var output = new Option<FileInfo>("--output", "-o") { Description = "The zip to write; an existing file is replaced.", Required = true };
        var command = new Command("archive",
            "Writes a clue's 销号 archive (from 申请销号 on): the 销号申请表 (docx), its evidence files, the trail (留痕.csv), its check (留痕校验.txt) and clue.geojson. Recorded in the audit.")
        {
            id, output,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var database = await CliDatabase.OpenAsync(parse, cancellationToken);
            var rules = EvidenceRules.LoadFile(database.Get<IOptions<EcoPlanOptions>>().Value.Clues.EvidenceRulesFile);
            var archive = new ClueArchive(database.Db, TimeProvider.System, rules, new FileSystemAttachmentStore(database.Settings.AttachmentsDirectory));
            // The CLI runs on the machine that holds the database: it reads as the installation's administrator.
            var opened = await archive.OpenAsync(UserAccess.System, parse.GetValue(id), cancellationToken);
            if (opened.Value is not { } file)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"ecoplan: {opened.Error!.Message}");
                return CliFiles.BadInput;
            }

            var path = parse.GetValue(output)!.FullName;
            try
            {
                await using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true);
                await file.WriteToAsync(stream, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"ecoplan: {path}: cannot write: {ex.Message}");
                return 1;
            }

            await parse.InvocationConfiguration.Output.WriteLineAsync(
                $"Wrote the 销号 archive of clue {parse.GetValue(id)} to {path}" + (file.TrailIntact ? "." : "; its trail is broken (see 留痕校验.txt)."));
            return 0;
        });
        return command;
    }
}
