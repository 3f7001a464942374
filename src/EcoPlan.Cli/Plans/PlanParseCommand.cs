using EcoPlan.Core.Import;

namespace EcoPlan.Cli.Plans;

/// <summary>`ecoplan plan parse FILE`: prints the plan JSON of a document without touching the database.</summary>
internal static class PlanParseCommand
{
    public static readonly Argument<string> File = new("FILE") { Description = "The plan document: .txt (UTF-8 or GB18030; tab-separated or text from a PDF), .docx, .xlsx/.xls, .pdf, .ofd, .doc/.wps/.et (with LibreOffice), or a scan (PDF of images, .png/.jpg/.tif; with tesseract)." };

    public static readonly Option<PlanFileFormat> Format = new("--format")
    {
        Description = "Input format; auto decides from the file's content.",
        DefaultValueFactory = _ => PlanFileFormat.Auto,
        CustomParser = result => Enum.TryParse<PlanFileFormat>(result.Tokens[0].Value, ignoreCase: true, out var value)
            ? value
            : throw new ArgumentException($"--format must be auto, text, docx, xlsx, pdf, ofd, doc, wps, et or image, not '{result.Tokens[0].Value}'"),
    };

    public static readonly Option<int?> Year = new("--year") { Description = "The plan year, where the title does not give it." };

    public static Command Create()
    {
        var command = new Command("parse", "Parses a plan document and prints it as JSON (docs/import.md); changes nothing.") { File, Format, Year };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (await ReadAsync(parse) is not { } document)
            {
                return CliFiles.BadInput;
            }

            await parse.InvocationConfiguration.Output.WriteLineAsync(PlanJson.Serialize(document.Plan));
            return 0;
        });
        return command;
    }

    /// <summary>Reads FILE with the --format and --year options; on failure prints one line naming where and why, and returns null.</summary>
    public static async Task<PlanDocument?> ReadAsync(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var path = parse.GetValue(File)!;
        try
        {
            return await PlanDocumentReader.ReadAsync(path, parse.GetValue(Format), parse.GetValue(Year));
        }
        catch (PlanImportException ex)
        {
            var where = ex.Location is null ? "" : $" {ex.Location}:";
            await parse.InvocationConfiguration.Error.WriteLineAsync($"ecoplan: {path}:{where} {ex.Reason.ReplaceLineEndings(" ")}");
            return null;
        }
    }
}
