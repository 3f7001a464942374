using EcoPlan.Core.Plans;
using EcoPlan.Core.Regions;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EcoPlan.Core.Cascade;

/// <summary>
/// The share of a city target a district is to deliver (targets down): of 100 生态保育小区, 通州区 8; of 45% 森林覆盖率,
/// 通州区 36%. <see cref="Value"/> is in the target's own unit; whether the shares must add up to the target depends on
/// the target's roll-up rule (<see cref="TargetProgress.RuleFor"/>).
/// </summary>
public sealed class TargetAllocation
{
    public int Id { get; set; }
    public int TargetId { get; set; }
    public Target? Target { get; set; }
    public int RegionId { get; set; }
    public Region? Region { get; set; }
    public decimal Value { get; set; }
    public string? Note { get; set; }
    public DateTime EnteredAt { get; set; }
    public int? EnteredById { get; set; }
    public required string EnteredBy { get; set; }
}

internal sealed class TargetAllocationConfiguration : IEntityTypeConfiguration<TargetAllocation>
{
    public void Configure(EntityTypeBuilder<TargetAllocation> builder)
    {
        builder.ToTable("TargetAllocations");
        builder.Property(a => a.Value).HasPrecision(18, 4);
        builder.Property(a => a.Note).HasMaxLength(1000);
        builder.Property(a => a.EnteredBy).HasMaxLength(256);
        builder.HasIndex(a => new { a.TargetId, a.RegionId }).IsUnique();
        builder.HasOne(a => a.Target).WithMany().HasForeignKey(a => a.TargetId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(a => a.Region).WithMany().HasForeignKey(a => a.RegionId).OnDelete(DeleteBehavior.Restrict);
    }
}
