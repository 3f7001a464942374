using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;
using CsvHelper.Configuration;
using EcoPlan.Core.Audit;
using EcoPlan.Core.Clues.Rules;
using EcoPlan.Core.Progress;
using NetTopologySuite.IO.Converters;

namespace EcoPlan.Core.Clues;

/// <summary>
/// The 销号 archive of one clue, as a zip a township hands in and the district files: <see cref="FormEntry"/> (the
/// 销号申请表), every evidence file under <see cref="PhotoFolder"/> or <see cref="MaterialFolder"/>, the trail as
/// <see cref="TrailEntry"/>, its check as <see cref="VerificationEntry"/>, and the geometry as <see cref="GeoJsonEntry"/>.
/// Whoever sees the clue (<see cref="ClueAccess"/>) may take it once it has asked for 销号 (<see cref="IsAvailable"/>);
/// official output, so Chinese whatever the reader's language; every archive taken is an audit entry.
/// </summary>
public sealed class ClueArchive(EcoPlanDbContext db, TimeProvider time, EvidenceRules rules, IAttachmentStore store)
{
    public const string ContentType = "application/zip";
    public const string FormEntry = "销号申请表.docx";
    public const string TrailEntry = "留痕.csv";
    public const string VerificationEntry = "留痕校验.txt";
    public const string GeoJsonEntry = "clue.geojson";
    public const string PhotoFolder = "照片/";
    public const string MaterialFolder = "材料/";

    public static readonly IReadOnlyList<string> TrailHeader = ["序号", "时间", "操作人", "操作", "状态变化", "说明", "哈希", "前一哈希", "记录内容（JSON）"];

    private static readonly HashSet<EvidenceKind> s_photos = [EvidenceKind.SitePhoto, EvidenceKind.BeforePhoto, EvidenceKind.AfterPhoto];
    private static readonly JsonSerializerOptions s_geoJson = new() { Converters = { new GeoJsonConverterFactory() } };
    private static readonly JsonSerializerOptions s_readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true };

    /// <summary>From 申请销号 on (申请销号, 公示中, 已销号): before that there is nothing to close yet, only work in progress.</summary>
    public static bool IsAvailable(ClueState state) => state is ClueState.CloseRequested or ClueState.PublicNotice or ClueState.Closed;

    /// <summary>
    /// Reads the clue the caller may see and records the export; the archive is then written by
    /// <see cref="ClueArchiveFile.WriteToAsync"/>, so a host can refuse (404, 409) before it starts sending a file.
    /// </summary>
    public async Task<UseCaseResult<ClueArchiveFile>> OpenAsync(UserAccess user, int clueId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var found = await new ClueQueries(db, time).GetAsync(user, clueId, cancellationToken);
        if (found.Value is not { } clue)
        {
            return found.Refusal<ClueArchiveFile>();
        }

        if (!IsAvailable(clue.State))
        {
            return new UseCaseError.Conflict(CoreText.Get("ClueArchive_NotYet", Code(clue), ClueLabels.State(clue.State)));
        }

        var events = await db.ClueEvents.AsNoTracking().Where(e => e.ClueId == clue.Id).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        var geometry = await db.Clues.AsNoTracking().Where(c => c.Id == clue.Id).Select(c => c.Geometry).SingleAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var file = InChinese(() => Build(clue, events, geometry, now));
        db.Record(AuditAction.ClueExport, user, now, null, null, new
        {
            export = "销号档案", clue = clue.Id, codes = clue.Codes.Select(c => c.Code).ToList(), state = clue.State.ToString(), files = clue.Evidence.Count,
            trail = file.TrailIntact ? "intact" : "broken",
        });
        await db.SaveChangesAsync(cancellationToken);
        return file;
    }

    private ClueArchiveFile Build(ClueView clue, List<ClueEvent> events, byte[] geometry, DateTime now)
    {
        var digits = clue.Evidence.Count >= 100 ? "D3" : "D2";
        var files = clue.Evidence.Select((e, i) => new ArchivedEvidence(i + 1,
            (s_photos.Contains(e.Kind) ? PhotoFolder : MaterialFolder) + $"{(i + 1).ToString(digits, CultureInfo.InvariantCulture)}-{ClueLabels.Evidence(e.Kind)}-{EntryName(e)}",
            e)).ToList();
        var trailBreak = TrailVerification.Check(clue.Id, clue.State, geometry, events, clue.Evidence.Select(e => (e.Id, e.Sha256)));
        var form = Form(clue, events, files, trailBreak, now);
        var safeCode = FileNames.Safe(Code(clue), clue.Id.ToString(CultureInfo.InvariantCulture), 60);
        return new ClueArchiveFile($"销号档案-{safeCode}.zip", form, TrailCsv(events), VerificationHead(clue, events, trailBreak, now), GeoJson(clue), files,
            trailBreak is null, Local(now), store);
    }

    private CloseForm Form(ClueView clue, List<ClueEvent> events, List<ArchivedEvidence> files, TrailBreak? trailBreak, DateTime now)
    {
        // After 回头看 the form speaks of the latest round only; 留痕.csv keeps the earlier ones.
        var round = events.Skip(events.FindLastIndex(e => e.Action == ClueAction.Reopened) + 1).ToList();
        ClueEvent? Last(ClueAction action) => round.LastOrDefault(e => e.Action == action);
        string Who(ClueEvent? e) => e is null ? "—" : $"{e.ActorName}，{Local(e.At):yyyy-MM-dd HH:mm}";
        string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";

        var batch = clue.Batch;
        var centre = clue.Geometry.Centroid;
        var township = clue.Township?.Name ?? "待分派";
        var basics = new List<CloseFormRow>
        {
            new("线索编号", string.Join('\n', clue.Codes.Select(c => $"{c.Code}（{ClueLabels.Source(c.Source)}）"))),
            new("批次", $"{batch.Name}\n下发 {Day(batch.ReceivedOn)}；核查时限 {Day(batch.VerifyBy)}；整改时限 {Day(batch.RectifyBy)}"),
            new("来源", ClueLabels.Source(batch.Source)),
            new("所在区、乡镇（街道）", $"{clue.District.Name} {township}"
                + (clue.CooperatingTownships.Count > 0 ? $"（协同：{string.Join("、", clue.CooperatingTownships.Select(t => t.Name))}）" : "")),
            new("位置", FormattableString.Invariant($"东经 {centre.X:F6}°，北纬 {centre.Y:F6}°（CGCS2000，线索{(clue.Geometry.Dimension == NetTopologySuite.Geometries.Dimension.Point ? "点位" : "图斑质心")}）")),
            new("面积", clue.AreaSquareMeters > 0
                ? $"{clue.AreaSquareMeters.ToString("N1", CultureInfo.InvariantCulture)} 平方米（{(clue.AreaSquareMeters / 666.67).ToString("N2", CultureInfo.InvariantCulture)} 亩）"
                : "点位线索，无面积"),
            new("活动类型", ClueLabels.Activity(clue.ActivityType)),
        };
        if (clue.Zone is { } zone)
        {
            basics.Add(new("所在保护区域", zone));
        }

        if (clue.Description is { } description)
        {
            basics.Add(new("线索描述", description));
        }

        var submitted = Last(ClueAction.VerificationSubmitted);
        var verification = new List<CloseFormRow>
        {
            new("核查结论", clue.Outcome is { } o ? ClueLabels.Outcome(o) : "—"),
            new("结论原因", clue.Outcome is { } outcome ? ReasonLabel(outcome, clue.OutcomeReason) : "—"),
            new("核查说明", Payload(submitted, "note") ?? "—"),
            new("核查提交", Who(submitted)),
            new("核查审核", Who(Last(ClueAction.VerificationAccepted))),
        };
        if (clue.ApprovalKind is not null || clue.ApprovalNumber is not null)
        {
            verification.Add(new("合法合规审批文件", $"{clue.ApprovalKind} {clue.ApprovalNumber}（{Day(clue.ApprovalDate)}）".Trim()));
        }

        var count = (EvidenceKind kind) => files.Count(f => f.Evidence.Kind == kind);
        var requested = Last(ClueAction.CloseRequested);
        var rectification = clue.Outcome is { } found && found.IsViolation()
            ? new List<CloseFormRow>
            {
                new("整改措施", clue.RectificationMeasures ?? "—"),
                new("整改时限", Day(clue.RectifyBy)),
                new("整改方案审核", Who(Last(ClueAction.PlanAccepted))),
                new("完成情况", (Payload(requested, "note") is { } done ? done + "\n" : "")
                    + $"整改前照片 {count(EvidenceKind.BeforePhoto)} 张，整改后照片 {count(EvidenceKind.AfterPhoto)} 张，整改完成报告 {count(EvidenceKind.CompletionReport)} 份（见证据材料清单）"),
            }
            : [new("整改", $"核查结论为{(clue.Outcome is { } none ? ClueLabels.Outcome(none) : "—")}，无需整改")];

        var accepted = Last(ClueAction.CloseAccepted);
        var closing = round.LastOrDefault(e => e.ToState == ClueState.Closed && e.FromState != ClueState.Closed);
        var noticeEnds = clue.PublicNoticeEndsOn ?? (Payload(accepted, "publicNoticeEndsOn") is { } ends && DateOnly.TryParse(ends, CultureInfo.InvariantCulture, out var d) ? d : null);
        var request = new List<CloseFormRow>
        {
            new("申请销号日期", requested is null ? "—（经核查审核直接销号）" : $"{Local(requested.At):yyyy-MM-dd}"),
            new("申请单位", requested is null ? township : $"{township}（{Who(requested)}）"),
            new("申请单位意见（盖章）", "\n\n（盖章）　　　　年　　月　　日"),
        };
        var acceptance = new List<CloseFormRow>
        {
            new("验收", accepted is null ? "—" : Who(accepted) + (Payload(accepted, "note") is { } note ? $"\n{note}" : "")),
            new("公示期", accepted is not null && noticeEnds is { } last ? $"{Local(accepted.At):yyyy-MM-dd} 至 {Day(last)}" : "未公示"),
            new("销号日期", clue.ClosedAt is { } closed ? $"{Local(closed):yyyy-MM-dd}" : $"—（当前状态：{ClueLabels.State(clue.State)}）"),
            new("销号审核人", clue.State == ClueState.Closed && closing is not null ? Who(closing) : "—"),
            new("验收单位意见（盖章）", "\n\n（盖章）　　　　年　　月　　日"),
        };

        var evidence = files.Select(f => new CloseFormEvidence(f.Number, ClueLabels.Evidence(f.Evidence.Kind), f.Path,
            f.Evidence.TakenAt?.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture) ?? "—", Position(f.Evidence),
            f.Evidence.DistanceMeters is { } m ? $"{m.ToString("N0", CultureInfo.InvariantCulture)} 米" : "—", f.Evidence.Sha256)).ToList();
        return new CloseForm(
            $"{ClueLabels.Source(batch.Source)}问题线索销号申请表",
            $"填报单位：{township}　　线索编号：{Code(clue)}　　当前状态：{ClueLabels.State(clue.State)}",
            [new("一、线索基本情况", basics), new("二、核查情况", verification), new("三、整改情况", rectification), new("四、销号申请", request),
                new("五、验收销号", acceptance)],
            evidence,
            [
                $"本表由 EcoPlan 依据线索留痕生成（{Local(now):yyyy-MM-dd HH:mm}），与档案内 {TrailEntry}（{events.Count} 条记录）及证据文件一并归档。",
                "留痕校验：" + (trailBreak is null ? "通过" : $"未通过（第 {trailBreak.Sequence} 条：{trailBreak.Reason}）") + $"，详见 {VerificationEntry}。",
                "位置为 CGCS2000 经纬度（与 WGS84 在本精度下一致）；距线索为照片位置至线索图斑的椭球面距离，图斑内为 0。",
            ]);
    }

    private string ReasonLabel(ClueOutcome outcome, string? code) =>
        code is null ? "—" : rules.Reasons[outcome].FirstOrDefault(r => r.Code == code)?.Zh ?? code;

    private static string Position(ClueEvidenceView e)
    {
        if (e.Latitude is not { } lat || e.Longitude is not { } lon)
        {
            return e.NoGpsReason is { } why ? $"无定位：{why}" : "—";
        }

        var text = FormattableString.Invariant($"{lon:F6}, {lat:F6}");
        if (e.PositionSource == PositionSource.Device)
        {
            text += e.PositionAccuracyMeters is { } accuracy ? FormattableString.Invariant($"（手机定位 ±{accuracy:F0} 米）") : "（手机定位）";
        }

        return e.DirectionDegrees is { } direction ? text + FormattableString.Invariant($"，朝向 {direction:F0}°") : text;
    }

    private List<IReadOnlyList<string>> TrailCsv(List<ClueEvent> events)
    {
        var rows = new List<IReadOnlyList<string>> { TrailHeader };
        foreach (var e in events)
        {
            var change = e.FromState is { } from && from != e.ToState ? $"{ClueLabels.State(from)} → {ClueLabels.State(e.ToState)}" : ClueLabels.State(e.ToState);
            rows.Add(
            [
                e.Sequence.ToString(CultureInfo.InvariantCulture), Local(e.At).ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", CultureInfo.InvariantCulture), e.ActorName,
                ClueLabels.Action(e.Action), change, Summary(e), e.Hash, e.PreviousHash, e.Payload,
            ]);
        }

        return rows;
    }

    /// <summary>What an entry says in words: the outcome and reason, the note, the plan, the file, the source id.</summary>
    private string Summary(ClueEvent e)
    {
        var parts = new List<string>();
        if (Payload(e, "outcome") is { } outcomeName && Enum.TryParse<ClueOutcome>(outcomeName, out var outcome))
        {
            parts.Add(ClueLabels.Outcome(outcome) + (Payload(e, "reason") is { } reason ? $"（{ReasonLabel(outcome, reason)}）" : ""));
        }

        if (Payload(e, "approvalNumber") is { } approval)
        {
            parts.Add($"{Payload(e, "approvalKind")} {approval}".Trim());
        }

        parts.AddRange(new[] { Payload(e, "note"), Payload(e, "measures") }.OfType<string>());
        if (Payload(e, "rectifyBy") is { } by)
        {
            parts.Add($"整改时限 {by}");
        }

        if (Payload(e, "publicNoticeEndsOn") is { } ends)
        {
            parts.Add($"公示至 {ends}");
        }

        if (Payload(e, "file") is { } file)
        {
            parts.Add((Payload(e, "kind") is { } kind && Enum.TryParse<EvidenceKind>(kind, out var k) ? ClueLabels.Evidence(k) + "：" : "") + file);
        }

        if (Payload(e, "code") is { } code)
        {
            parts.Add($"编号 {code}");
        }

        if (Payload(e, "name") is { } name)
        {
            parts.Add(name);
        }

        return string.Join("；", parts);
    }

    private string VerificationHead(ClueView clue, List<ClueEvent> events, TrailBreak? trailBreak, DateTime now)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"线索 {string.Join("、", clue.Codes.Select(c => c.Code))}（EcoPlan 内部编号 {clue.Id}）留痕校验");
        text.AppendLine(CultureInfo.InvariantCulture, $"校验时间：{Local(now):yyyy-MM-dd HH:mm:ss zzz}");
        if (trailBreak is null)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"留痕：通过。共 {events.Count} 条记录，序号连续，每条的哈希与其内容及前一条的哈希相符；线索状态“{ClueLabels.State(clue.State)}”与最后一条记录一致；线索位置与登记时一致；{clue.Evidence.Count} 个证据文件均已记入留痕。");
        }
        else
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"留痕：未通过。第 {trailBreak.Sequence} 条：{trailBreak.Reason}");
        }

        text.AppendLine("校验方法：每条记录的 SHA-256 覆盖线索内部编号、序号、操作、前后状态、操作人编号与姓名、时间（UTC，毫秒）、记录内容与前一条的哈希，各项以换行连接（见 留痕.csv）；任何一条被改动、删除或插入，自该条起哈希链断开。");
        return text.ToString();
    }

    private static string GeoJson(ClueView clue)
    {
        var centre = clue.Geometry.Centroid;
        var feature = new JsonObject
        {
            ["type"] = "Feature",
            ["id"] = clue.Id,
            ["geometry"] = JsonSerializer.SerializeToNode(clue.Geometry, s_geoJson),
            ["properties"] = new JsonObject
            {
                ["codes"] = new JsonArray([.. clue.Codes.Select(c => (JsonNode)new JsonObject { ["source"] = c.Source.ToString(), ["code"] = c.Code })]),
                ["batch"] = clue.Batch.Name,
                ["source"] = clue.Batch.Source.ToString(),
                ["district_code"] = clue.District.Code,
                ["township_code"] = clue.Township?.Code,
                ["township"] = clue.Township?.Name,
                ["state"] = clue.State.ToString(),
                ["outcome"] = clue.Outcome?.ToString(),
                ["reason"] = clue.OutcomeReason,
                ["activity"] = clue.ActivityType.ToString(),
                ["area_m2"] = Math.Round(clue.AreaSquareMeters, 1),
                ["centroid"] = new JsonArray(Math.Round(centre.X, 7), Math.Round(centre.Y, 7)),
                ["crs"] = "EPSG:4490 (CGCS2000 longitude/latitude)",
            },
        };
        return feature.ToJsonString(s_readable);
    }

    /// <summary>The stored name made safe, with the extension of its type when it has none.</summary>
    private static string EntryName(ClueEvidenceView e)
    {
        var name = FileNames.Safe(e.FileName, e.Sha256[..12], 60);
        var extension = e.ContentType switch
        {
            "image/jpeg" => ".jpg",
            "image/png" => ".png",
            "image/gif" => ".gif",
            "application/pdf" => ".pdf",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => ".docx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => ".xlsx",
            _ => "",
        };
        return Path.HasExtension(name) ? name : name + extension;
    }

    private static string? Payload(ClueEvent? e, string name)
    {
        if (e is null)
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(e.Payload);
            return json.RootElement.TryGetProperty(name, out var value) ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString() is { Length: > 0 } s ? s : null,
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            } : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Code(ClueView clue) => clue.Codes.Count > 0 ? clue.Codes[0].Code : clue.Id.ToString(CultureInfo.InvariantCulture);

    private DateTimeOffset Local(DateTime utc)
    {
        var at = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        return new DateTimeOffset(at).ToOffset(time.LocalTimeZone.GetUtcOffset(at));
    }

    private static T InChinese<T>(Func<T> build)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        try
        {
            return build();
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}

/// <summary>An evidence file's place in the archive: its number in the form's list and its entry path.</summary>
internal sealed record ArchivedEvidence(int Number, string Path, ClueEvidenceView Evidence);

/// <summary>
/// A 销号 archive read and ready to write. <see cref="WriteToAsync"/> streams it: the form and the texts are built in
/// memory (one clue's worth), each evidence file is copied from the attachment store stream by stream, its SHA-256
/// checked on the way; the output needs no seeking (an HTTP response will do).
/// </summary>
public sealed class ClueArchiveFile
{
    private const int CopyBuffer = 81920;

    private static readonly UTF8Encoding s_utf8Bom = new(encoderShouldEmitUTF8Identifier: true);
    private static readonly HashSet<string> s_compressed = ["image/jpeg", "image/png", "image/gif"];

    private readonly CloseForm _form;
    private readonly List<IReadOnlyList<string>> _trail;
    private readonly string _verification;
    private readonly string _geoJson;
    private readonly IReadOnlyList<ArchivedEvidence> _files;
    private readonly DateTimeOffset _createdAt;
    private readonly IAttachmentStore _store;

    internal ClueArchiveFile(string fileName, CloseForm form, List<IReadOnlyList<string>> trail, string verification, string geoJson,
        IReadOnlyList<ArchivedEvidence> files, bool trailIntact, DateTimeOffset createdAt, IAttachmentStore store)
    {
        FileName = fileName;
        _form = form;
        _trail = trail;
        _verification = verification;
        _geoJson = geoJson;
        _files = files;
        TrailIntact = trailIntact;
        _createdAt = createdAt;
        _store = store;
    }

    /// <summary>The download's name, 销号档案-编号.zip.</summary>
    public string FileName { get; }

    /// <summary>The form's content, as written into <see cref="ClueArchive.FormEntry"/>.</summary>
    public CloseForm Form => _form;

    /// <summary>Whether <see cref="TrailVerification"/> found the clue's trail whole when the archive was read.</summary>
    public bool TrailIntact { get; }

    public async Task WriteToAsync(Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var spool = new Spool(output);
        var zip = await ZipArchive.CreateAsync(spool, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        await using (zip)
        {
            using (var docx = new MemoryStream())
            {
                ClueCloseFormWriter.Write(_form, docx);
                await WriteEntryAsync(zip, spool, ClueArchive.FormEntry, docx.ToArray(), cancellationToken);
            }

            var checks = new StringBuilder();
            foreach (var file in _files)
            {
                checks.AppendLine(CultureInfo.InvariantCulture, $"{file.Path}\t{await CopyAsync(zip, spool, file, cancellationToken)}");
            }

            await WriteEntryAsync(zip, spool, ClueArchive.TrailEntry, WithBom(Csv(_trail)), cancellationToken);
            var verification = _verification + (_files.Count == 0 ? "证据文件：无。\n" : $"证据文件（档案内文件与登记的 SHA-256 比对）：\n{checks}");
            await WriteEntryAsync(zip, spool, ClueArchive.VerificationEntry, WithBom(verification), cancellationToken);
            await WriteEntryAsync(zip, spool, ClueArchive.GeoJsonEntry, Encoding.UTF8.GetBytes(_geoJson), cancellationToken);
        }

        await spool.DrainAsync(cancellationToken);
        await output.FlushAsync(cancellationToken);
    }

    /// <summary>Copies one evidence file into the archive, hashing it on the way; says whether it is the file the trail recorded.</summary>
    private async Task<string> CopyAsync(ZipArchive zip, Spool spool, ArchivedEvidence file, CancellationToken cancellationToken)
    {
        var source = await _store.OpenReadAsync(file.Evidence.Sha256, cancellationToken);
        if (source is null)
        {
            return "缺失：附件存储中没有此文件";
        }

        await using (source)
        {
            // Photos are compressed already; deflating them again costs time and saves nothing.
            var entry = zip.CreateEntry(file.Path, s_compressed.Contains(file.Evidence.ContentType) ? CompressionLevel.NoCompression : CompressionLevel.Optimal);
            entry.LastWriteTime = new DateTimeOffset(DateTime.SpecifyKind(file.Evidence.UploadedAt, DateTimeKind.Utc)).ToOffset(_createdAt.Offset);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[CopyBuffer];
            await using (var target = await entry.OpenAsync(cancellationToken))
            {
                int read;
                while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    await spool.DrainAsync(cancellationToken);
                }
            }

            await spool.DrainAsync(cancellationToken);
            var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
            return actual == file.Evidence.Sha256 ? $"一致 {actual}" : $"不一致：登记 {file.Evidence.Sha256}，实际 {actual}";
        }
    }

    private async Task WriteEntryAsync(ZipArchive zip, Spool spool, string name, byte[] content, CancellationToken cancellationToken)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = _createdAt;
        await using (var target = await entry.OpenAsync(cancellationToken))
        {
            await target.WriteAsync(content, cancellationToken);
        }

        await spool.DrainAsync(cancellationToken);
    }

    private static byte[] WithBom(string text) => [.. s_utf8Bom.GetPreamble(), .. s_utf8Bom.GetBytes(text)];

    private static string Csv(List<IReadOnlyList<string>> rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        // Escape keeps a note that begins with = or + from running as a formula when the trail is opened in Excel.
        using (var csv = new CsvWriter(text, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\r\n", InjectionOptions = InjectionOptions.Escape }))
        {
            foreach (var row in rows)
            {
                foreach (var cell in row)
                {
                    csv.WriteField(cell);
                }

                csv.NextRecord();
            }
        }

        return text.ToString();
    }
}

/// <summary>
/// Takes the zip writer's writes (some of them synchronous: an entry's last deflate block and descriptor, the central
/// directory) into a buffer that <see cref="DrainAsync"/> sends on asynchronously, after each chunk; an HTTP response
/// refuses synchronous writes. It holds at most one chunk's worth and an entry's tail, never the archive.
/// </summary>
internal sealed class Spool(Stream output) : Stream
{
    private readonly MemoryStream _pending = new();

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        if (_pending.Length > 0)
        {
            await output.WriteAsync(_pending.GetBuffer().AsMemory(0, (int)_pending.Length), cancellationToken);
            _pending.SetLength(0);
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => _pending.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => _pending.Write(buffer);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        _pending.Write(buffer, offset, count);
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _pending.Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush()
    {
        // Buffered until the next drain.
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => DrainAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _pending.Dispose();
        }

        base.Dispose(disposing);
    }
}
