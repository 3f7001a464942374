using System.IO.Compression;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;

namespace EcoPlan.Web.Tests;

/// <summary>
/// Every stylesheet and script the pages name, fetched as a browser fetches them (Accept-Encoding: gzip, br) from the app
/// started as the README starts it. Once `dotnet run` (Production, unpublished) answered app.css with 200 and an empty
/// body, so every page was raw HTML while every status looked right.
/// </summary>
public sealed partial class StaticAssetsTests
{
    [Fact]
    public async Task ReadmeStart_ServesEveryStylesheetAndScript_WithItsBody_ToABrowsersAcceptEncoding()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = await ReadmeApp.StartEmptyAsync(database);
        using var http = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None, AllowAutoRedirect = false })
        {
            BaseAddress = app.BaseAddress,
        };

        var wwwroot = RepositoryPaths.Of("src/EcoPlan.Web/wwwroot");
        var appAssets = 0;
        foreach (var page in (string[])["login", "swagger/index.html"])
        {
            var pageUri = new Uri(app.BaseAddress, page);
            var html = await new HtmlParser().ParseDocumentAsync(await http.GetStringAsync(pageUri));
            var assets = html.QuerySelectorAll("link[rel=stylesheet][href]").Select(l => l.GetAttribute("href")!)
                .Concat(html.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!))
                .ToList();
            Assert.NotEmpty(assets);
            foreach (var asset in assets)
            {
                var uri = new Uri(pageUri, asset);
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, br");
                using var response = await http.SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{uri}: {(int)response.StatusCode}");
                var body = await DecodeAsync(response);
                Assert.True(body.Length > 0, $"{uri}: 200 with an empty body (Content-Encoding {string.Join(",", response.Content.Headers.ContentEncoding)})");
                var extension = Path.GetExtension(uri.AbsolutePath);
                Assert.Contains(response.Content.Headers.ContentType?.MediaType, extension == ".css" ? ["text/css"] : (string[])["text/javascript", "application/javascript"]);

                // The app's own files are served byte for byte as they are in wwwroot, under their fingerprinted names.
                if (page == "login")
                {
                    var file = Path.Combine(wwwroot, Fingerprint().Replace(uri.AbsolutePath.TrimStart('/'), ""));
                    Assert.True(File.Exists(file), $"{uri}: no {file}");
                    Assert.Equal(await File.ReadAllBytesAsync(file), body);
                    appAssets++;
                }
            }
        }

        Assert.True(appAssets > 0, "the login page names none of the app's own stylesheets or scripts");
        Assert.Contains("Hosting environment: Production", app.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("Static Web Assets are not enabled", app.Log, StringComparison.Ordinal);
    }

    private static async Task<byte[]> DecodeAsync(HttpResponseMessage response)
    {
        var raw = await response.Content.ReadAsStreamAsync();
        await using Stream decoded = response.Content.Headers.ContentEncoding.SingleOrDefault() switch
        {
            null => raw,
            "gzip" => new GZipStream(raw, CompressionMode.Decompress),
            "br" => new BrotliStream(raw, CompressionMode.Decompress),
            var other => throw new InvalidOperationException($"unexpected Content-Encoding {other}"),
        };
        using var buffer = new MemoryStream();
        await decoded.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    /// <summary>The fingerprint MapStaticAssets puts before the extension: app.a8k3sqofg1.css → app.css.</summary>
    [GeneratedRegex(@"\.[a-z0-9]{10}(?=\.[a-z]+$)")]
    private static partial Regex Fingerprint();
}
