using System.CommandLine;
using System.Globalization;
using EcoPlan.Core.Import;

namespace EcoPlan.Cli.Plans;

/// <summary>`ecoplan plan parse FILE`: prints the plan JSON of a document without touching the database.</summary>
internal static class PlanParseCommand
{
    /// <summary>Exit code of a document that cannot be read, as distinct from a failure of EcoPlan itself (1).</summary>
    public const int BadInput = 2;

    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The plan document: a tab-separated table or text extracted from a PDF (UTF-8 or GB18030)." };
        var format = new Option<string>("--format")
        {
            Description = "Input format: auto (from the file), text. docx, xlsx and pdf are not supported yet.",
            DefaultValueFactory = _ => "auto",
        };
        format.AcceptOnlyFromAmong("auto", "text", "docx", "xlsx", "pdf");
        var year = new Option<int?>("--year") { Description = "The plan year, where the title does not give it." };

        var command = new Command("parse", "Parses a plan document and prints it as JSON (see plan.schema.md); changes nothing.")
        {
            file,
            format,
            year,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;

            byte[] bytes;
            try
            {
                bytes = await File.ReadAllBytesAsync(path, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                await error.WriteLineAsync($"ecoplan: {path}: cannot read the file: {ex.Message}");
                return BadInput;
            }

            var chosen = parse.GetValue(format) ?? "auto";
            if (chosen == "auto")
            {
                chosen = Sniff(path, bytes);
            }

            if (chosen != "text")
            {
                await error.WriteLineAsync($"ecoplan: {path}: {chosen} documents are not supported yet; extract the table as text (tab-separated or pdftotext) and parse that");
                return BadInput;
            }

            try
            {
                var plan = PlanTextParser.Parse(bytes, new PlanParseOptions(parse.GetValue(year)));
                await output.WriteLineAsync(PlanJson.Serialize(plan));
                return 0;
            }
            catch (PlanParseException ex)
            {
                var where = ex.Line > 0 ? ex.Line.ToString(CultureInfo.InvariantCulture) + ":" : "";
                var column = ex.Column is null ? "" : $" [{ex.Column}]";
                await error.WriteLineAsync($"ecoplan: {path}:{where} {OneLine(ex.Reason)}{column}");
                return BadInput;
            }
        });
        return command;
    }

    /// <summary>docx and xlsx are zip files, PDF starts with %PDF; anything else is read as text.</summary>
    private static string Sniff(string path, byte[] bytes)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is ".docx" or ".xlsx" or ".pdf")
        {
            return extension[1..];
        }

        if (bytes is [0x25, 0x50, 0x44, 0x46, ..])
        {
            return "pdf";
        }

        return bytes is [0x50, 0x4B, 0x03, 0x04, ..] ? "docx" : "text";
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}
