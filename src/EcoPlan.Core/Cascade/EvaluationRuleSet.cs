using EcoPlan.Core.Plans;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EcoPlan.Core.Cascade;

/// <summary>
/// The year-end evaluation (年终考核) rules a coordinator set for one plan, as the JSON document the evaluation reads
/// (rules and their weights are data); a plan without a row is scored by the documented default.
/// </summary>
public sealed class EvaluationRuleSet
{
    public int PlanId { get; set; }
    public Plan? Plan { get; set; }
    public required string RulesJson { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int? UpdatedById { get; set; }
    public required string UpdatedBy { get; set; }
}

internal sealed class EvaluationRuleSetConfiguration : IEntityTypeConfiguration<EvaluationRuleSet>
{
    public void Configure(EntityTypeBuilder<EvaluationRuleSet> builder)
    {
        builder.ToTable("EvaluationRuleSets");
        builder.HasKey(r => r.PlanId);
        builder.Property(r => r.RulesJson).HasMaxLength(64 * 1024);
        builder.Property(r => r.UpdatedBy).HasMaxLength(256);
        builder.HasOne(r => r.Plan).WithOne().HasForeignKey<EvaluationRuleSet>(r => r.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}
