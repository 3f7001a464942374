using EcoPlan.Core.Plans;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EcoPlan.Core.Cascade;

/// <summary>
/// A district coordinator's decision about one pair: district measure <see cref="DistrictMeasureId"/> implements (or does
/// not implement) city measure <see cref="CityMeasureId"/>. Links are many-to-many: a district measure may implement
/// several city measures and a city measure be implemented by several district measures. Suggestions are computed on
/// demand (<see cref="MeasureAligner"/>) and never stored; only what a person decided is, so a pair without a row is
/// "suggested" while the aligner suggests it, and a rejected pair is not suggested again.
/// </summary>
public sealed class MeasureLink
{
    public int Id { get; set; }
    public int DistrictMeasureId { get; set; }
    public Measure? DistrictMeasure { get; set; }
    public int CityMeasureId { get; set; }
    public Measure? CityMeasure { get; set; }
    public MeasureLinkState State { get; set; }

    /// <summary>Whether the pair was among the aligner's suggestions when decided, or chosen by hand.</summary>
    public MeasureLinkOrigin Origin { get; set; }

    /// <summary>The aligner's score of the pair when decided (0 to 1), kept to see later how good the suggestions were.</summary>
    public double? Score { get; set; }

    public DateTime DecidedAt { get; set; }
    public int? DecidedById { get; set; }
    public required string DecidedBy { get; set; }
}

public enum MeasureLinkState
{
    /// <summary>The district measure implements the city measure.</summary>
    Confirmed,
    /// <summary>The suggestion was wrong; it is not suggested again.</summary>
    Rejected,
}

public enum MeasureLinkOrigin
{
    Suggested,
    Manual,
}

internal sealed class MeasureLinkConfiguration : IEntityTypeConfiguration<MeasureLink>
{
    public void Configure(EntityTypeBuilder<MeasureLink> builder)
    {
        builder.ToTable("MeasureLinks");
        builder.Property(l => l.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(l => l.Origin).HasConversion<string>().HasMaxLength(16);
        builder.Property(l => l.DecidedBy).HasMaxLength(256);
        builder.HasIndex(l => new { l.DistrictMeasureId, l.CityMeasureId }).IsUnique();
        builder.HasIndex(l => l.CityMeasureId);
        // A link means nothing without both measures: deleting a plan deletes its links (the audit trail keeps their history).
        builder.HasOne(l => l.DistrictMeasure).WithMany().HasForeignKey(l => l.DistrictMeasureId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(l => l.CityMeasure).WithMany().HasForeignKey(l => l.CityMeasureId).OnDelete(DeleteBehavior.Cascade);
    }
}
