using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Localization;

namespace EcoPlan.Web.Localization;

/// <summary>
/// The message a form action hands to the page it redirects to (?error=…). A page shows only what EcoPlan itself said:
/// a known code (?error=forbidden → the UiText "PageError_forbidden") or a message the action sealed with data
/// protection, which keeps its details (file, place, why) in the language it was written in. Any other text in the
/// URL is ignored, so a link cannot make EcoPlan show words of someone else's choosing as its own.
/// </summary>
public sealed class PageMessages(IDataProtectionProvider protection, IStringLocalizer<UiText> text)
{
    private const string SealedPrefix = "m.";

    // Far below Kestrel's 8 KB request line; a longer message is cut rather than failing the redirect.
    private const int MaxSealedLength = 6000;

    private readonly IDataProtector _protector = protection.CreateProtector("EcoPlan.PageMessages");

    /// <summary>The query value that carries <paramref name="message"/> to the page: compressed, then sealed.</summary>
    public string Seal(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var sealedValue = SealedPrefix + Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(_protector.Protect(Compress(message)));
        return sealedValue.Length <= MaxSealedLength || message.Length <= 200 ? sealedValue : Seal(message[..(message.Length / 2)] + "…");
    }

    /// <summary>What to show for a query value: the text of a known code, a sealed message, or nothing.</summary>
    public string? Read(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (value.StartsWith(SealedPrefix, StringComparison.Ordinal))
        {
            try
            {
                return Decompress(_protector.Unprotect(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(value[SealedPrefix.Length..])));
            }
            catch (Exception ex) when (ex is CryptographicException or FormatException or InvalidDataException)
            {
                return null;
            }
        }

        var known = text["PageError_" + value];
        return value.All(c => char.IsAsciiLetterLower(c) || c == '-') && !known.ResourceNotFound ? known.Value : null;
    }



    private static byte[] Compress(string message)
    {
        using var output = new MemoryStream();
        using (var brotli = new BrotliStream(output, CompressionLevel.Optimal))
        {
            brotli.Write(Encoding.UTF8.GetBytes(message));
        }

        return output.ToArray();
    }

    private static string Decompress(byte[] compressed)
    {
        using var input = new BrotliStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var reader = new StreamReader(input, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}

/// <summary>A redirect to a page with a sealed message (<see cref="PageMessages"/>), sealed when the redirect is written.</summary>
public sealed class RedirectWithMessage(string path, string message, string parameter = "error", string fragment = "") : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var value = httpContext.RequestServices.GetRequiredService<PageMessages>().Seal(message);
        var url = $"{path}{(path.Contains('?', StringComparison.Ordinal) ? '&' : '?')}{parameter}={Uri.EscapeDataString(value)}{fragment}";
        return TypedResults.LocalRedirect(url).ExecuteAsync(httpContext);
    }
}
