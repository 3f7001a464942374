using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using CsvHelper;
using DocumentFormat.OpenXml.Packaging;
using EcoPlan.Core.Audit;
using EcoPlan.Core.Clues;
using EcoPlan.Core.Clues.Rules;
using EcoPlan.Core.Progress;

namespace EcoPlan.Core.Tests.Clues;

/// <summary>The 销号 archive of a clue walked to 已销号 under the shipped rules, opened and read back part by part.</summary>
public sealed class ClueArchiveTests
{
    // The first clue of ClueSetup.BatchAsync is a 100 m square centred here, the second 0.01° east.
    private const double Lon = 116.70, Lat = 39.90;

    private static readonly byte[] s_pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

    private static byte[] Photo(double lat, double lon, int minute) => ExifJpeg.Write(new ExifFields(
        Latitude: lat, Longitude: lon, DirectionDegrees: 90, DateTimeOriginal: $"2026:06:01 10:{minute:00}:00", OffsetTimeOriginal: "+08:00"));

    private static FileSystemAttachmentStore Store(ClueSetup setup) => new FileSystemAttachmentStore(Path.Combine(setup.Database.Settings.DataDirectory, "attachments"));

    private static ClueArchive Archive(ClueSetup setup, EcoPlanDbContext db) => new(db, setup.Clock, EvidenceRules.Default, Store(setup));

    /// <summary>A violation of 永顺镇 with every file the shipped rules ask for, taken to 已销号 after a 7-day 公示.</summary>
    private static async Task<int> ClosedViolationAsync(ClueSetup setup, EcoPlanDbContext db, int id)
    {
        var workflow = setup.Workflow(db, EvidenceRules.Default);
        var uploads = new ClueEvidenceUpload(db, setup.Clock, new AttachmentStorage(Store(setup), 1024 * 1024));
        async Task Send(EvidenceKind kind, string name, byte[] content) => await uploads.AddAsync(setup.Yongshun, id, new EvidenceUpload(kind, name, content)).Done();

        await Send(EvidenceKind.SitePhoto, "east.jpg", Photo(Lat + 0.0002, Lon + 0.0001, 15));
        await Send(EvidenceKind.SitePhoto, "west:side?.jpg", Photo(Lat, Lon - 0.0002, 16));
        await workflow.TakeAsync(setup.Yongshun, id, ClueStep.SubmitVerification,
            new(Outcome: ClueOutcome.ViolationNew, Reason: "unapproved-construction", Note: "现场为新建彩钢板房约 300 平方米")).Done();
        await workflow.TakeAsync(setup.Coordinator, id, ClueStep.AcceptVerification, new()).Done();
        await Send(EvidenceKind.RectificationPlan, "整改方案.pdf", s_pdf);
        await workflow.TakeAsync(setup.Yongshun, id, ClueStep.SubmitPlan, new(Measures: "拆除彩钢板房，清运渣土，恢复植被", RectifyBy: new DateOnly(2026, 9, 30))).Done();
        await workflow.TakeAsync(setup.Coordinator, id, ClueStep.AcceptPlan, new()).Done();
        await Send(EvidenceKind.BeforePhoto, "before.jpg", Photo(Lat, Lon, 17));
        await Send(EvidenceKind.AfterPhoto, "after.jpg", Photo(Lat, Lon, 18));
        await Send(EvidenceKind.CompletionReport, "完成报告.pdf", s_pdf.Concat("% report\n"u8.ToArray()).ToArray());
        await workflow.TakeAsync(setup.Yongshun, id, ClueStep.RequestClose, new(Note: "已拆除全部建筑，完成复绿")).Done();
        await workflow.TakeAsync(setup.Coordinator, id, ClueStep.AcceptClose, new(PublicNoticeDays: 7, Note: "现场验收合格")).Done();
        setup.Clock.SetDay(2026, 6, 8);
        await workflow.TakeAsync(setup.Coordinator, id, ClueStep.EndPublicNotice, new()).Done();
        return id;
    }

    private static async Task<byte[]> WriteAsync(ClueArchiveFile file)
    {
        // A response body cannot seek: the archive must not need to.
        using var buffer = new MemoryStream();
        await using (var forwardOnly = new ForwardOnlyStream(buffer))
        {
            await file.WriteToAsync(forwardOnly);
        }

        return buffer.ToArray();
    }

    [ProviderTheory]
    public async Task Archive_OfAClosedViolation_HoldsTheFormTheFilesTheTrailAndItsCheck(DatabaseProvider provider)
    {
        await using var setup = await ClueSetup.CreateAsync(provider);
        await using var db = setup.Database.NewContext();
        var id = await ClosedViolationAsync(setup, db, (await setup.BatchAsync(db, ("ARC-001", ClueSetup.YongshunCode))).ClueIds[0]);

        var file = await Archive(setup, db).OpenAsync(setup.Yongshun, id).Done();
        using var zip = new ZipArchive(new MemoryStream(await WriteAsync(file)), ZipArchiveMode.Read);

        Assert.Equal("销号档案-ARC-001.zip", file.FileName);
        Assert.Equal(
            [ClueArchive.FormEntry, "照片/01-现场照片-east.jpg", "照片/02-现场照片-west_side_.jpg", "材料/03-整改方案-整改方案.pdf", "照片/04-整改前照片-before.jpg",
                "照片/05-整改后照片-after.jpg", "材料/06-整改完成报告-完成报告.pdf", ClueArchive.TrailEntry, ClueArchive.VerificationEntry, ClueArchive.GeoJsonEntry],
            zip.Entries.Select(e => e.FullName));

        // Every file is the one recorded: its bytes hash to the SHA-256 stored when it was uploaded.
        var evidence = await db.ClueEvidence.AsNoTracking().Where(e => e.ClueId == id).OrderBy(e => e.Id).ToListAsync();
        var files = zip.Entries.Where(e => e.FullName.StartsWith(ClueArchive.PhotoFolder, StringComparison.Ordinal) || e.FullName.StartsWith(ClueArchive.MaterialFolder, StringComparison.Ordinal)).ToList();
        Assert.Equal(evidence.Select(e => e.Sha256), files.Select(e => Convert.ToHexStringLower(SHA256.HashData(Read(e)))));

        // The form: the 编号, the conclusion and its reason, the plan, the request, the 公示 and the 销号, each file's hash.
        using var docx = WordprocessingDocument.Open(new MemoryStream(Read(zip.GetEntry(ClueArchive.FormEntry)!)), false);
        var text = docx.MainDocumentPart!.Document!.Body!.InnerText;
        foreach (var expected in new[]
        {
            "问题线索销号申请表", "ARC-001", "2026年第一批生态保护红线人类活动线索", "永顺镇", "东经 116.700000°，北纬 39.900000°", "违法违规（新增）", "未批先建",
            "现场为新建彩钢板房约 300 平方米", "拆除彩钢板房，清运渣土，恢复植被", "2026-09-30", "已拆除全部建筑，完成复绿", "现场验收合格", "2026-06-01 至 2026-06-08",
            "照片/01-现场照片-east.jpg", "留痕校验：通过",
        })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        Assert.All(evidence, e => Assert.Contains("SHA-256：" + e.Sha256, text, StringComparison.Ordinal));
        Assert.Equal("2026-06-08", file.Form.Sections.Single(s => s.Heading == "五、验收销号").Rows.Single(r => r.Label == "销号日期").Value);

        // The trail: one row per entry, with its hash and its predecessor's, and the payload the hash covers.
        var events = await db.ClueEvents.AsNoTracking().Where(e => e.ClueId == id).OrderBy(e => e.Sequence).ToListAsync();
        var rows = CsvRows(Read(zip.GetEntry(ClueArchive.TrailEntry)!));
        Assert.Equal(ClueArchive.TrailHeader, rows[0]);
        Assert.Equal(events.Select(e => (e.Sequence.ToString(CultureInfo.InvariantCulture), e.ActorName, e.Hash, e.PreviousHash, e.Payload)),
            rows.Skip(1).Select(r => (r[0], r[2], r[6], r[7], r[8])));
        Assert.Equal("申请销号", rows.Single(r => r[6] == events.Single(e => e.Action == ClueAction.CloseRequested).Hash)[3]);
        Assert.Equal("整改中 → 申请销号", rows.Single(r => r[3] == "申请销号")[4]);

        var check = Encoding.UTF8.GetString(Read(zip.GetEntry(ClueArchive.VerificationEntry)!));
        Assert.Contains($"留痕：通过。共 {events.Count} 条记录", check, StringComparison.Ordinal);
        Assert.Equal(evidence.Count, check.Split('\n').Count(l => l.Contains("\t一致 ", StringComparison.Ordinal)));
        Assert.Contains("\"ARC-001\"", Encoding.UTF8.GetString(Read(zip.GetEntry(ClueArchive.GeoJsonEntry)!)), StringComparison.Ordinal);

        var audit = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == AuditAction.ClueExport);
        Assert.Equal("yongshun", audit.UserName);
        Assert.Contains("销号档案", audit.Details, StringComparison.Ordinal);
        Assert.Contains($"\"clue\":{id}", audit.Details, StringComparison.Ordinal);
    }

    [ProviderTheory]
    public async Task Archive_IsRefusedToAnotherArea_AndBeforeTheClueAsksForClosing(DatabaseProvider provider)
    {
        await using var setup = await ClueSetup.CreateAsync(provider);
        await using var db = setup.Database.NewContext();
        var ids = (await setup.BatchAsync(db, ("ARC-002", ClueSetup.YongshunCode), ("ARC-003", ClueSetup.YongshunCode))).ClueIds;
        var workflow = setup.Workflow(db);
        var archive = Archive(setup, db);

        Assert.IsType<UseCaseError.Conflict>(await archive.OpenAsync(setup.Yongshun, ids[0]).RefusedAsync());
        await workflow.TakeAsync(setup.Yongshun, ids[0], ClueStep.SubmitVerification,
            new(Outcome: ClueOutcome.Compliant, Reason: "approved", ApprovalKind: "建设用地批复", ApprovalNumber: "京规自（通）〔2025〕12号", ApprovalDate: new DateOnly(2025, 3, 1))).Done();
        await workflow.TakeAsync(setup.Coordinator, ids[0], ClueStep.AcceptVerification, new()).Done();

        Assert.IsType<UseCaseError.NotFound>(await archive.OpenAsync(setup.Liyuan, ids[0]).RefusedAsync());
        Assert.IsType<UseCaseError.NotFound>(await archive.OpenAsync(setup.OtherDistrict, ids[0]).RefusedAsync());
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == AuditAction.ClueExport));

        // Closed straight from its verification: the approval stands in the form, and there was no 申请销号 to date.
        var file = await archive.OpenAsync(setup.Coordinator, ids[0]).Done();
        var rows = file.Form.Sections.SelectMany(s => s.Rows).ToDictionary(r => r.Label, r => r.Value);
        Assert.Equal("建设用地批复 京规自（通）〔2025〕12号（2025-03-01）", rows["合法合规审批文件"]);
        Assert.Equal("核查结论为合法合规，无需整改", rows["整改"]);
        Assert.StartsWith("—", rows["申请销号日期"], StringComparison.Ordinal);
        Assert.StartsWith("coordinator，", rows["销号审核人"], StringComparison.Ordinal);
        using var zip = new ZipArchive(new MemoryStream(await WriteAsync(file)), ZipArchiveMode.Read);
        Assert.Contains("证据文件：无", Encoding.UTF8.GetString(Read(zip.GetEntry(ClueArchive.VerificationEntry)!)), StringComparison.Ordinal);
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == AuditAction.ClueExport && a.UserName == "coordinator"));
    }

    [ProviderTheory]
    public async Task Archive_OfAnEditedTrail_SaysWhereItBroke_AndAFileChangedInTheStore(DatabaseProvider provider)
    {
        await using var setup = await ClueSetup.CreateAsync(provider);
        await using (var db = setup.Database.NewContext())
        {
            await ClosedViolationAsync(setup, db, (await setup.BatchAsync(db, ("ARC-004", ClueSetup.YongshunCode))).ClueIds[0]);
        }

        await using var check = setup.Database.NewContext();
        var id = await check.Clues.Select(c => c.Id).SingleAsync();
        await check.ClueEvents.Where(e => e.ClueId == id && e.Action == ClueAction.VerificationSubmitted)
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.Payload, "{\"outcome\":\"PseudoChange\"}"));
        var photo = await check.ClueEvidence.AsNoTracking().Where(e => e.ClueId == id).OrderBy(e => e.Id).FirstAsync();
        await File.WriteAllBytesAsync(Path.Combine(setup.Database.Settings.DataDirectory, "attachments", photo.Sha256[..2], photo.Sha256), Photo(Lat, Lon, 59));

        var file = await Archive(setup, check).OpenAsync(setup.Yongshun, id).Done();
        using var zip = new ZipArchive(new MemoryStream(await WriteAsync(file)), ZipArchiveMode.Read);
        var text = Encoding.UTF8.GetString(Read(zip.GetEntry(ClueArchive.VerificationEntry)!));

        Assert.False(file.TrailIntact);
        var sequence = (await check.ClueEvents.SingleAsync(e => e.ClueId == id && e.Action == ClueAction.VerificationSubmitted)).Sequence;
        Assert.Contains($"留痕：未通过。第 {sequence} 条", text, StringComparison.Ordinal);
        Assert.Contains($"照片/01-现场照片-east.jpg\t不一致：登记 {photo.Sha256}", text, StringComparison.Ordinal);
    }

    private static byte[] Read(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static List<string[]> CsvRows(byte[] content)
    {
        Assert.Equal(Encoding.UTF8.GetPreamble(), content.Take(3)); // a BOM, so Excel reads the Chinese as UTF-8
        using var reader = new CsvReader(new StreamReader(new MemoryStream(content)), CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add(reader.Parser.Record!);
        }

        return rows;
    }

    /// <summary>Writes through to a buffer and refuses to seek, to tell its length or to write synchronously, as a response body does.</summary>
    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => throw new InvalidOperationException("synchronous flush");
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("synchronous write");
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.WriteAsync(buffer, offset, count, cancellationToken);
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);
    }
}
