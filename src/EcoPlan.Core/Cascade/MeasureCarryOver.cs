using EcoPlan.Core.Plans;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EcoPlan.Core.Cascade;

/// <summary>
/// A coordinator's decision that measure <see cref="ToMeasureId"/> of next year's plan carries on unfinished measure
/// <see cref="FromMeasureId"/> of this year's, so the new measure's page can show the old one's reports and history.
/// </summary>
public sealed class MeasureCarryOver
{
    public int Id { get; set; }
    public int FromMeasureId { get; set; }
    public Measure? FromMeasure { get; set; }
    public int ToMeasureId { get; set; }
    public Measure? ToMeasure { get; set; }
    public DateTime DecidedAt { get; set; }
    public int? DecidedById { get; set; }
    public required string DecidedBy { get; set; }
}

internal sealed class MeasureCarryOverConfiguration : IEntityTypeConfiguration<MeasureCarryOver>
{
    public void Configure(EntityTypeBuilder<MeasureCarryOver> builder)
    {
        builder.ToTable("MeasureCarryOvers");
        builder.Property(c => c.DecidedBy).HasMaxLength(256);
        builder.HasIndex(c => new { c.FromMeasureId, c.ToMeasureId }).IsUnique();
        builder.HasIndex(c => c.ToMeasureId);
        builder.HasOne(c => c.FromMeasure).WithMany().HasForeignKey(c => c.FromMeasureId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(c => c.ToMeasure).WithMany().HasForeignKey(c => c.ToMeasureId).OnDelete(DeleteBehavior.Cascade);
    }
}
