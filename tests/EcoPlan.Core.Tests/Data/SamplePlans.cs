using EcoPlan.Core.Plans;

namespace EcoPlan.Core.Tests.Data;

/// <summary>Plans built from rows of the Tongzhou 2026 sample, against the seeded unit directory.</summary>
internal static class SamplePlans
{
    public static async Task<Plan> TongzhouExcerptAsync(EcoPlanDbContext db)
    {
        var region = await db.Regions.SingleAsync(r => r.Code == "110112");
        var orgs = await db.Organizations.Where(o => o.Region!.Code == "110112").ToDictionaryAsync(o => o.Name, o => o.Id);
        var leaders = await db.Leaders.ToDictionaryAsync(l => l.Name, l => l.Id);
        var now = new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);

        MeasureAssignment Org(AssignmentRole role, int ordinal, string printed, string canonical, string? duty = null) =>
            new() { Role = role, Ordinal = ordinal, PrintedName = printed, OrganizationId = orgs[canonical], Duty = duty };
        MeasureAssignment Lead(int ordinal, string name) =>
            new() { Role = AssignmentRole.Lead, Ordinal = ordinal, PrintedName = name, LeaderId = leaders[name] };

        return new Plan
        {
            Title = "加快绿色低碳转型 2026 年行动计划（加强生态保护）",
            AttachmentLabel = "附件 6",
            Part = "三、加强生态保护",
            Year = 2026,
            Level = PlanLevel.District,
            RegionId = region.Id,
            LeadKind = LeadKind.Leader,
            Status = PlanStatus.Draft,
            Source = new SourceDocument { FileName = "tongzhou.txt", Format = "text", Sha256 = new string('a', 64), Length = 1234 },
            CreatedAt = now,
            UpdatedAt = now,
            Sections =
            [
                new Section
                {
                    Ordinal = 1, Code = "三", Title = "维护生态空间格局稳定性",
                    Tasks =
                    [
                        new PlanTask
                        {
                            Ordinal = 1, Number = 7, Name = "着力提升建成区绿视率",
                            Measures =
                            [
                                new Measure
                                {
                                    Ordinal = 1, Number = 7, Text = "推进园林绿化“增绿提质”，建设生态保育小区。",
                                    Deadline = new Deadline { Raw = "9月底", Kind = DeadlineKind.Date, Date = new DateOnly(2026, 9, 30) },
                                    Assignments = [Lead(1, "林正航"), Org(AssignmentRole.Responsible, 1, "区园林绿化局", "北京市通州区园林绿化局")],
                                    Targets =
                                    [
                                        new Target
                                        {
                                            Metric = "森林覆盖率", Unit = "%", Comparator = TargetComparator.AtLeast, Value = 45m, Evidence = "森林覆盖率达到45%",
                                            Owners = [new TargetOwner { OrganizationId = orgs["北京市通州区园林绿化局"] }],
                                        },
                                    ],
                                },
                                new Measure
                                {
                                    Ordinal = 2, Number = 8, Text = "区园林绿化局推进垂直绿化；区住房城乡建设委推进花园住宅建设。",
                                    Deadline = new Deadline { Raw = "9 月底", Kind = DeadlineKind.Date, Date = new DateOnly(2026, 9, 30) },
                                    Assignments =
                                    [
                                        Lead(1, "林正航"), Lead(2, "姚伟龙"),
                                        Org(AssignmentRole.Responsible, 1, "区园林绿化局", "北京市通州区园林绿化局", "区园林绿化局推进垂直绿化"),
                                        Org(AssignmentRole.Responsible, 2, "区住房城乡建设委", "北京市通州区住房和城乡建设委员会", "区住房城乡建设委推进花园住宅建设"),
                                    ],
                                },
                            ],
                        },
                        new PlanTask
                        {
                            Ordinal = 2, Number = 11, Name = "加强涉矿违法行为查处",
                            Measures =
                            [
                                new Measure
                                {
                                    Ordinal = 1, Number = 11, Text = "持续打击矿产资源私挖盗采活动。", ColumnsCertain = false,
                                    Deadline = new Deadline { Raw = "持续推进", Kind = DeadlineKind.Continuous },
                                    Assignments =
                                    [
                                        Lead(1, "姚伟龙"),
                                        Org(AssignmentRole.Responsible, 1, "市规划自然资源委通州分局", "北京市规划和自然资源委员会通州分局"),
                                        Org(AssignmentRole.Cooperating, 1, "各街道乡镇", "通州区各街道乡镇"),
                                    ],
                                },
                            ],
                        },
                    ],
                },
            ],
        };
    }
}
