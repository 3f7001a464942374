using System.Net.Http.Json;
using System.Text.Json;

namespace EcoPlan.Web.Tests;

/// <summary>Uploads: one over its limit says so in words before anything reads it; a stored file name carries no bidi controls.</summary>
public sealed class UploadTests
{
    [Fact]
    public async Task Import_LargerThanTheLimit_SaysSoOnThePage_NotABare400()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        using var client = await factory.SignInAsync("coordinator");
        // Posted as a browser posts the form, token included: the refusal must come before the token is even read.
        var page = await EcoPlanWebFactory.PageAsync(client, "/plans/import");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var upload = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(new byte[21 * 1024 * 1024]), "file", "plan.docx" },
        };

        using var response = await client.PostAsync(new Uri("/plans/import", UriKind.Relative), upload);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/plans/import?error=", location, StringComparison.Ordinal);
        var shown = await EcoPlanWebFactory.PageAsync(client, location);
        Assert.Equal("文件大于 20 MB", shown.QuerySelector("p.error")!.TextContent.Trim());
    }

    [Fact]
    public async Task Attachment_LargerThanTheLimit_Answers413InWords_AndItsNameLosesBidiControls()
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        var measure = await factory.QueryAsync(db => db.Measures.Where(m => m.Task!.Section!.Plan!.Region!.Code == "110112" && m.Number == 7).Select(m => m.Id).SingleAsync());
        using var ylj = await factory.SignInAsync("ylj");
        await EcoPlanWebFactory.UseApiTokenAsync(ylj);
        using var saved = await ylj.PostAsJsonAsync(new Uri($"/api/v1/measures/{measure}/reports", UriKind.Relative),
            new { period = "2026-08", status = "InProgress", percent = 40, narrative = "已完成选址。" });
        var report = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var attach = new Uri($"/api/v1/reports/{report}/attachments", UriKind.Relative);

        using var tooLarge = await ylj.PostAsync(attach, new MultipartFormDataContent { { new ByteArrayContent(new byte[11 * 1024 * 1024]), "file", "scan.pdf" } });
        // "合同\u202Efdp.exe" shows as 合同exe.pdf; every bidi control kind is in the name once.
        using var tricky = await ylj.PostAsync(attach, new MultipartFormDataContent
        {
            { new ByteArrayContent("%PDF-1.4\n%%EOF\n"u8.ToArray()), "file", "\u200E合\u061C同\u2066\u2069\u202A\u202B\u202C\u202D\u200F\u202Efdp.pdf" },
        });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal("文件大于 10 MB", (await tooLarge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, tricky.StatusCode);
        Assert.Equal(["合同fdp.pdf"], await factory.QueryAsync(db => db.ReportAttachments.Select(a => a.FileName).ToListAsync()));
        Assert.DoesNotContain('\u202E', await tricky.Content.ReadAsStringAsync());
    }
}
