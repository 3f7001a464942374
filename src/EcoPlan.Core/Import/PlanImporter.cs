using EcoPlan.Core.Organizations;
using EcoPlan.Core.Plans;

namespace EcoPlan.Core.Import;

/// <summary>
/// Takes a parsed plan document into the database. <see cref="PreviewAsync"/> writes nothing: it matches
/// every unit and leader to the directory and lists what a person must decide (unknown or ambiguous names,
/// unparsed deadlines, column splits the document did not show, a file already imported, what changed
/// against an earlier version). <see cref="ImportAsync"/> stores the plan in one transaction, or nothing.
/// </summary>
public sealed class PlanImporter(EcoPlanDbContext db, TimeProvider time)
{
    public async Task<ImportPreview> PreviewAsync(PlanDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        var plan = document.Plan;
        var regions = await FindRegionsAsync(plan.Region, cancellationToken);
        var region = regions.Count == 1 ? regions[0] : null;

        // Every name of the plan in one query each for units and leaders, not one per name.
        var matches = await new OrganizationDirectory(db).ResolveManyAsync([.. UnitNames(plan)], region?.Code, cancellationToken);
        var units = matches.Select(m => new NameResolution(m.NormalizedName, m.Organization?.Id, m.Organization?.Name, [.. m.Candidates.Select(c => new NameCandidate(c.Id, c.Name))])).ToList();

        var leaderNames = LeaderNames(plan).ToList();
        var known = leaderNames.Count == 0
            ? []
            : await db.Leaders.AsNoTracking()
                .Where(l => leaderNames.Contains(l.Name) && (region == null || l.Organization!.Region!.Code == region.Code))
                .Select(l => new { l.Name, Candidate = new NameCandidate(l.Id, l.Name + (l.Title == null ? "" : "（" + l.Title + "）")) })
                .ToListAsync(cancellationToken);
        var leaders = leaderNames.Select(name =>
        {
            var candidates = known.Where(k => k.Name == name).Select(k => k.Candidate).ToList();
            return new NameResolution(name, candidates.Count == 1 ? candidates[0].Id : null, candidates.Count == 1 ? candidates[0].Name : null, candidates);
        }).ToList();

        var measures = Measures(plan).ToList();
        var existing = await db.Plans.AsNoTracking()
            .Where(p => p.Source!.Sha256 == document.Sha256)
            .Select(p => (int?)p.Id).FirstOrDefaultAsync(cancellationToken);
        var previous = existing is null && region is not null
            ? await db.Plans.AsNoTracking()
                .Where(p => p.Title == plan.Title && p.Year == plan.Year && p.RegionId == region.Id)
                .OrderByDescending(p => p.Id).Select(p => (int?)p.Id).FirstOrDefaultAsync(cancellationToken)
            : null;
        var changes = previous is { } previousId && await PlanQueries.DetailAsync(db, previousId, cancellationToken) is { } stored
            ? PlanDiff.Compare(stored, plan)
            : [];

        return new ImportPreview(
            document,
            region is null ? null : new RegionChoice(region.Code, region.Name),
            [.. regions.Select(r => new RegionChoice(r.Code, r.Name))],
            units,
            leaders,
            [.. measures.Where(m => m.Measure.Deadline.Kind == DeadlineKind.Unparsed).Select(m => m.Reference)],
            [.. measures.Where(m => m.Measure.ColumnsCertain == false).Select(m => m.Reference)],
            [.. measures.SelectMany(m => TargetExtractor.Extract(m.Measure).Select(t => new PreviewTarget(m.Reference, t)))],
            existing,
            previous,
            changes);
    }

    /// <summary>
    /// Stores the plan as a draft (or published) plan. Every unknown unit or leader must be mapped or
    /// explicitly created in <paramref name="decisions"/>; otherwise <see cref="ImportBlockedException"/>
    /// lists them and nothing is written. A caller that has just previewed the document passes that preview,
    /// so the units and leaders are not matched a second time.
    /// </summary>
    public async Task<Plan> ImportAsync(PlanDocument document, ImportDecisions decisions, ImportPreview? preview = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(decisions);
        if (preview is null || preview.Document.Sha256 != document.Sha256)
        {
            preview = await PreviewAsync(document, cancellationToken);
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var check = await CheckAsync(document, decisions, preview, cancellationToken);
        if (check.Problems.Count > 0)
        {
            Operations.EcoPlanMetrics.RecordImport("plan", stored: false, started);
            throw new ImportBlockedException(check.Problems);
        }

        var plan = await StoreAsync(document, decisions, preview, check, cancellationToken);
        Operations.EcoPlanMetrics.RecordImport("plan", stored: true, started);
        return plan;
    }

    /// <summary>
    /// The import as <paramref name="user"/> confirms it on the preview page: forbidden unless the user manages plans of
    /// the plan's region; invalid, nothing written, with a message per field (<c>region</c>, <c>asNewVersion</c>,
    /// <c>unit:NAME</c> and <c>leader:NAME</c> for each name undecided or mapped to nothing); else the new plan's id.
    /// </summary>
    public async Task<UseCaseResult<int>> ConfirmAsync(UserAccess user, PlanDocument document, ImportDecisions decisions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(decisions);
        var preview = await PreviewAsync(document, cancellationToken);
        var check = await CheckAsync(document, decisions, preview, cancellationToken);
        if (check.Region is { } region && !user.CanManagePlansOf(region.Id))
        {
            return new UseCaseError.Forbidden(CoreText.Get("ImportForbidden", region.Name));
        }

        var units = decisions.UnitMappings.Values.Distinct().ToList();
        var knownUnits = await db.Organizations.Where(o => units.Contains(o.Id)).Select(o => o.Id).ToListAsync(cancellationToken);
        var leaders = decisions.LeaderMappings.Values.Distinct().ToList();
        var knownLeaders = await db.Leaders.Where(l => leaders.Contains(l.Id)).Select(l => l.Id).ToListAsync(cancellationToken);
        foreach (var (name, id) in decisions.UnitMappings.Where(m => !knownUnits.Contains(m.Value)))
        {
            check.Add("unit:" + name, CoreText.Get("Importer_MappedToNothing", name, id));
        }

        foreach (var (name, id) in decisions.LeaderMappings.Where(m => !knownLeaders.Contains(m.Value)))
        {
            check.Add("leader:" + name, CoreText.Get("Importer_MappedToNothing", name, id));
        }

        if (check.Problems.Count > 0)
        {
            return new UseCaseError.Invalid(string.Join(CoreText.Get("Fields_Separator"), check.Problems), check.Fields.ToDictionary(f => f.Key, f => f.Value.ToArray(), StringComparer.Ordinal));
        }

        return (await StoreAsync(document, decisions, preview, check, cancellationToken)).Id;
    }

    /// <summary>What the preview page offers to map unknown names and an unknown region to: every unit and region of the directory.</summary>
    public async Task<ImportChoices> ChoicesAsync(CancellationToken cancellationToken = default) => new(
        [.. (await db.Organizations.AsNoTracking().OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).ToListAsync(cancellationToken)).Select(o => (o.Id, o.Name))],
        [.. (await db.Regions.AsNoTracking().OrderBy(r => r.Code).Select(r => new { r.Code, r.Name }).ToListAsync(cancellationToken)).Select(r => (r.Code, r.Name))]);

    /// <summary>What stands in the way of importing with these decisions, as one message each and by field, and the plan's region.</summary>
    private sealed class ImportCheck
    {
        public Regions.Region? Region { get; init; }
        public List<string> Problems { get; } = [];
        public Dictionary<string, List<string>> Fields { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, int> UnitIds { get; set; } = [];
        public Dictionary<string, int> LeaderIds { get; set; } = [];

        public void Add(string field, string problem)
        {
            Problems.Add(problem);
            AddField(field, problem);
        }

        public void AddField(string field, string problem)
        {
            if (!Fields.TryGetValue(field, out var list))
            {
                Fields[field] = list = [];
            }

            list.Add(problem);
        }
    }

    private async Task<ImportCheck> CheckAsync(PlanDocument document, ImportDecisions decisions, ImportPreview preview, CancellationToken cancellationToken)
    {
        var regionCode = decisions.RegionCode ?? preview.Region?.Code;
        var check = new ImportCheck { Region = regionCode is null ? null : await db.Regions.SingleOrDefaultAsync(r => r.Code == regionCode, cancellationToken) };
        if (preview.ExistingPlanId is { } existing && !decisions.AsNewVersion)
        {
            check.Add("asNewVersion", CoreText.Get("ImportAlreadyImported", existing));
        }

        if (document.Plan.RecognizedByOcr == true && !decisions.RecognizedTextChecked)
        {
            check.Add("recognizedTextChecked", CoreText.Get("Ocr_NotConfirmed"));
        }

        if (check.Region is null)
        {
            check.Add("region", regionCode is null
                ? CoreText.Get("Importer_RegionUnknownChoose", document.Plan.Region ?? CoreText.Get("Importer_RegionNotStated"))
                : CoreText.Get("Importer_RegionUnknown", regionCode));
        }

        check.UnitIds = Decide(preview.Units, decisions.UnitMappings, decisions.CreateUnits, "unit", check);
        check.LeaderIds = Decide(preview.Leaders, decisions.LeaderMappings, decisions.CreateLeaders, "leader", check);
        return check;
    }

    private async Task<Plan> StoreAsync(PlanDocument document, ImportDecisions decisions, ImportPreview preview, ImportCheck check, CancellationToken cancellationToken)
    {
        var region = check.Region!;
        var unitIds = check.UnitIds;
        var leaderIds = check.LeaderIds;
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await CreateAsync(decisions.CreateUnits, unitIds, region, cancellationToken);
            await CreateLeadersAsync(decisions.CreateLeaders, leaderIds, region, cancellationToken);
            var plan = Build(document, region.Id, unitIds, leaderIds, decisions.Publish && preview.ExistingPlanId is null);
            if (preview.ExistingPlanId is not null)
            {
                // A new version of a file imported before: a draft of its own, its title marked, the earlier plans untouched.
                // The mark is part of the plan's title, data in the document's language, not in the importing user's.
                var version = await db.Plans.CountAsync(p => p.Source!.Sha256 == document.Sha256, cancellationToken) + 1;
                plan.Title = string.Create(CultureInfo.InvariantCulture, $"{plan.Title}（新版本 {version}）");
            }

            db.Plans.Add(plan);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return plan;
        });
    }

    private Plan Build(PlanDocument document, int regionId, Dictionary<string, int> unitIds, Dictionary<string, int> leaderIds, bool publish)
    {
        var parsed = document.Plan;
        var now = time.GetUtcNow().UtcDateTime;
        var plan = new Plan
        {
            Title = parsed.Title,
            AttachmentLabel = parsed.Attachment,
            Part = parsed.Part,
            Year = parsed.Year,
            Level = parsed.Level,
            RegionId = regionId,
            LeadKind = parsed.LeadKind,
            Status = publish ? PlanStatus.Published : PlanStatus.Draft,
            Source = new SourceDocument { FileName = FileNames.Stored(document.FileName), Format = document.Format.ToString().ToLowerInvariant(), Sha256 = document.Sha256, Length = document.Length },
            CreatedAt = now,
            UpdatedAt = now,
        };

        var sectionOrdinal = 0;
        foreach (var section in parsed.Sections)
        {
            var s = new Section { Ordinal = ++sectionOrdinal, Code = section.Code, Title = section.Title };
            var taskOrdinal = 0;
            foreach (var task in section.Tasks)
            {
                var t = new PlanTask { Ordinal = ++taskOrdinal, Number = task.Number, Name = task.Name };
                var measureOrdinal = 0;
                foreach (var measure in task.Measures)
                {
                    t.Measures.Add(BuildMeasure(parsed.LeadKind, measure, ++measureOrdinal, unitIds, leaderIds));
                }

                s.Tasks.Add(t);
            }

            plan.Sections.Add(s);
        }

        return plan;
    }

    private static Measure BuildMeasure(LeadKind leadKind, ParsedMeasure measure, int ordinal, Dictionary<string, int> unitIds, Dictionary<string, int> leaderIds)
    {
        var m = new Measure
        {
            Ordinal = ordinal,
            Number = measure.Number,
            Text = measure.Text,
            Deadline = new Deadline { Raw = measure.Deadline.Raw, Kind = measure.Deadline.Kind, Date = measure.Deadline.Date, Recurrence = measure.Deadline.Recurrence },
            ColumnsCertain = measure.ColumnsCertain ?? true,
        };
        var duties = DutySplitter.Split(measure.Text, measure.Lead.Concat(measure.Responsible).Concat(measure.Cooperating));

        void Add(AssignmentRole role, IReadOnlyList<string> names, bool people)
        {
            var i = 0;
            foreach (var name in names.Select(OrganizationDirectory.Normalize).Distinct())
            {
                m.Assignments.Add(new MeasureAssignment
                {
                    Role = role,
                    Ordinal = ++i,
                    PrintedName = name,
                    LeaderId = people ? leaderIds[name] : null,
                    OrganizationId = people ? null : unitIds[name],
                    Duty = duties.GetValueOrDefault(name),
                });
            }
        }

        Add(AssignmentRole.Lead, measure.Lead, leadKind == LeadKind.Leader);
        Add(AssignmentRole.Responsible, measure.Responsible, people: false);
        Add(AssignmentRole.Cooperating, measure.Cooperating, people: false);

        foreach (var target in TargetExtractor.Extract(measure))
        {
            m.Targets.Add(new Target
            {
                Metric = target.Metric,
                Unit = target.Unit,
                Comparator = target.Comparator,
                Value = target.Value,
                Evidence = target.Evidence,
                Owners = [.. target.Owners.Select(OrganizationDirectory.Normalize).Where(unitIds.ContainsKey).Select(n => unitIds[n]).Distinct().Select(id => new TargetOwner { OrganizationId = id })],
            });
        }

        return m;
    }

    private static Dictionary<string, int> Decide(IReadOnlyList<NameResolution> names, IReadOnlyDictionary<string, int> mappings, IReadOnlyCollection<string> creations, string what, ImportCheck check)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var unresolved = new List<string>();
        foreach (var name in names)
        {
            if (mappings.TryGetValue(name.Name, out var mapped))
            {
                ids[name.Name] = mapped;
            }
            else if (name.ResolvedId is { } id)
            {
                ids[name.Name] = id;
            }
            else if (!creations.Contains(name.Name))
            {
                var problem = name.Candidates.Count > 1 ? CoreText.Get("Importer_Ambiguous", name.Name, string.Join(" / ", name.Candidates.Select(c => c.Name))) : name.Name;
                unresolved.Add(problem);
                check.AddField($"{what}:{name.Name}", CoreText.Get("Importer_Unknown_" + what, problem));
            }
        }

        if (unresolved.Count > 0)
        {
            check.Problems.Add(CoreText.Get("Importer_Unknown_" + what, string.Join("、", unresolved)));
        }

        return ids;
    }

    private async Task CreateAsync(IReadOnlyCollection<string> names, Dictionary<string, int> ids, Regions.Region region, CancellationToken cancellationToken)
    {
        foreach (var name in names.Where(n => !ids.ContainsKey(n)))
        {
            var organization = new Organization { Name = name, Kind = GuessKind(name), RegionId = region.Id };
            db.Organizations.Add(organization);
            await db.SaveChangesAsync(cancellationToken);
            ids[name] = organization.Id;
        }
    }

    private async Task CreateLeadersAsync(IReadOnlyCollection<string> names, Dictionary<string, int> ids, Regions.Region region, CancellationToken cancellationToken)
    {
        var todo = names.Where(n => !ids.ContainsKey(n)).ToList();
        if (todo.Count == 0)
        {
            return;
        }

        // A new leader belongs to the government of the plan's region until someone says otherwise.
        var government = await db.Organizations.FirstOrDefaultAsync(o => o.RegionId == region.Id && o.Kind == OrganizationKind.Government, cancellationToken)
            ?? throw new ImportBlockedException([CoreText.Get("Importer_NoGovernmentUnit", region.Name)]);
        foreach (var name in todo)
        {
            var leader = new Leader { Name = name, OrganizationId = government.Id };
            db.Leaders.Add(leader);
            await db.SaveChangesAsync(cancellationToken);
            ids[name] = leader.Id;
        }
    }

    private static OrganizationKind GuessKind(string name) =>
        name.StartsWith('各') || name.StartsWith("相关", StringComparison.Ordinal) ? OrganizationKind.Group
        : name.EndsWith("政府", StringComparison.Ordinal) ? OrganizationKind.Government
        : name.EndsWith("分局", StringComparison.Ordinal) ? OrganizationKind.Branch
        : name.EndsWith("管委会", StringComparison.Ordinal) ? OrganizationKind.Committee
        : name.EndsWith('镇') || name.EndsWith('乡') || name.EndsWith("街道", StringComparison.Ordinal) ? OrganizationKind.Township
        : OrganizationKind.Department;

    private async Task<List<Regions.Region>> FindRegionsAsync(string? name, CancellationToken cancellationToken) =>
        name is null ? [] : await db.Regions.AsNoTracking().Where(r => r.Name == name).OrderBy(r => r.Code).ToListAsync(cancellationToken);

    private static IEnumerable<string> UnitNames(ParsedPlan plan) =>
        plan.Sections.SelectMany(s => s.Tasks).SelectMany(t => t.Measures)
            .SelectMany(m => (plan.LeadKind == LeadKind.Leader ? [] : m.Lead).Concat(m.Responsible).Concat(m.Cooperating))
            .Select(OrganizationDirectory.Normalize).Distinct();

    private static IEnumerable<string> LeaderNames(ParsedPlan plan) => plan.LeadKind == LeadKind.Leader
        ? plan.Sections.SelectMany(s => s.Tasks).SelectMany(t => t.Measures).SelectMany(m => m.Lead).Select(OrganizationDirectory.Normalize).Distinct()
        : [];

    private static IEnumerable<(ParsedMeasure Measure, MeasureReference Reference)> Measures(ParsedPlan plan)
    {
        foreach (var section in plan.Sections)
        {
            foreach (var task in section.Tasks)
            {
                var i = 0;
                foreach (var measure in task.Measures)
                {
                    yield return (measure, new MeasureReference(section.Code, task.Number, task.Name, ++i, measure.Number, measure.Line));
                }
            }
        }
    }
}

/// <summary>The units and regions of the directory, for the preview page's choices.</summary>
public sealed record ImportChoices(IReadOnlyList<(int Id, string Name)> Units, IReadOnlyList<(string Code, string Name)> Regions);

/// <summary>What the person importing decided: name mappings, names to create, the region, publish or draft.</summary>
public sealed record ImportDecisions
{
    public IReadOnlyDictionary<string, int> UnitMappings { get; init; } = new Dictionary<string, int>();
    public IReadOnlyCollection<string> CreateUnits { get; init; } = [];
    public IReadOnlyDictionary<string, int> LeaderMappings { get; init; } = new Dictionary<string, int>();
    public IReadOnlyCollection<string> CreateLeaders { get; init; } = [];
    public string? RegionCode { get; init; }
    public bool Publish { get; init; }

    /// <summary>
    /// The person chose to import a file imported before as a new version: a new draft plan whose title says
    /// 新版本 N (N counting the plans from the same file), never published at once; the earlier plans stay as they are.
    /// Without it such a file is refused.
    /// </summary>
    public bool AsNewVersion { get; init; }

    /// <summary>The person checked the text OCR recognized from a scan against the scan; a plan read by OCR is refused without it.</summary>
    public bool RecognizedTextChecked { get; init; }
}

public sealed record ImportPreview(
    PlanDocument Document,
    RegionChoice? Region,
    IReadOnlyList<RegionChoice> RegionCandidates,
    IReadOnlyList<NameResolution> Units,
    IReadOnlyList<NameResolution> Leaders,
    IReadOnlyList<MeasureReference> UnparsedDeadlines,
    IReadOnlyList<MeasureReference> UncertainColumns,
    IReadOnlyList<PreviewTarget> Targets,
    int? ExistingPlanId,
    int? PreviousPlanId,
    IReadOnlyList<PlanChange> Changes)
{
    public IEnumerable<NameResolution> UnknownUnits => Units.Where(u => u.ResolvedId is null);
    public IEnumerable<NameResolution> UnknownLeaders => Leaders.Where(l => l.ResolvedId is null);
    public bool NeedsDecisions => Region is null || UnknownUnits.Any() || UnknownLeaders.Any();
}

public sealed record RegionChoice(string Code, string Name);

public sealed record NameCandidate(int Id, string Name);

/// <summary>A printed name and what it resolved to: one entry, several (ambiguous), or none (unknown).</summary>
public sealed record NameResolution(string Name, int? ResolvedId, string? ResolvedName, IReadOnlyList<NameCandidate> Candidates);

/// <summary>Where a measure stands in the document, for a person to find it.</summary>
public sealed record MeasureReference(string SectionCode, int? TaskNumber, string TaskName, int MeasureIndex, int? MeasureNumber, int Line)
{
    public override string ToString() =>
        $"（{SectionCode}）{(TaskNumber is null ? "" : TaskNumber + ". ")}{TaskName} · {(MeasureNumber is { } n ? CoreText.Get("Importer_MeasureNumber", n) : CoreText.Get("Importer_MeasureIndex", MeasureIndex))}{(Line > 0 ? CoreText.Get("Importer_AtLine", Line) : "")}";
}

public sealed record PreviewTarget(MeasureReference Measure, ExtractedTarget Target);

/// <summary>Why a plan cannot be stored yet; nothing was written.</summary>
public sealed class ImportBlockedException : Exception
{
    public ImportBlockedException(IReadOnlyList<string> problems) : base(string.Join("; ", problems)) => Problems = problems;
    public ImportBlockedException() : this([]) { }
    public ImportBlockedException(string message) : this([message]) { }
    public ImportBlockedException(string message, Exception innerException) : base(message, innerException) => Problems = [message];

    public IReadOnlyList<string> Problems { get; }
}
