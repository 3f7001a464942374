using System.Text;

namespace EcoPlan.Cli;

/// <summary>Files a command reads or writes, each failure printed as one line naming the file and why.</summary>
internal static class CliFiles
{
    /// <summary>Exit code of a bad input (a cell, a missing file, a document that cannot be read), as distinct from a failure of EcoPlan itself (1).</summary>
    public const int BadInput = 2;

    /// <summary>Why a file could not be read or written, in a line.</summary>
    public static string Why(Exception ex) => ex is FileNotFoundException or DirectoryNotFoundException ? "no such file" : ex.Message;

    /// <summary>The file's bytes; null, with the reason printed, when it cannot be read.</summary>
    public static async Task<byte[]?> ReadAsync(ParseResult parse, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parse);
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await parse.InvocationConfiguration.Error.WriteLineAsync($"ecoplan: {path}: {Why(ex)}");
            return null;
        }
    }

    /// <summary>Writes a new UTF-8 file (an existing one is not overwritten); false, with the reason printed, when it cannot.</summary>
    public static async Task<bool> WriteNewAsync(ParseResult parse, string path, Func<TextWriter, Task> write)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(write);
        try
        {
            await using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            await write(writer);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await parse.InvocationConfiguration.Error.WriteLineAsync(File.Exists(path)
                ? $"ecoplan: {path}: already exists; choose another name or remove it"
                : $"ecoplan: {path}: {ex.Message}");
            return false;
        }
    }
}
