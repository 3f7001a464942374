using EcoPlan.Core.Plans;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EcoPlan.Core.Indicators;

internal sealed class IndicatorImportConfiguration : IEntityTypeConfiguration<IndicatorImport>
{
    public void Configure(EntityTypeBuilder<IndicatorImport> builder)
    {
        builder.ToTable("IndicatorImports");
        builder.Property(i => i.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Methodology).HasMaxLength(20);
        builder.Property(i => i.FileName).HasMaxLength(260);
        builder.Property(i => i.Sha256).HasMaxLength(64);
        builder.Property(i => i.ImportedBy).HasMaxLength(256);
        builder.Property(i => i.SourceLabel).HasMaxLength(100);
    }
}

internal sealed class MethodologyWeightsConfiguration : IEntityTypeConfiguration<MethodologyWeights>
{
    public void Configure(EntityTypeBuilder<MethodologyWeights> builder)
    {
        builder.ToTable("MethodologyWeights");
        builder.Property(w => w.Methodology).HasMaxLength(20);
        builder.Property(w => w.Source).HasMaxLength(500);
        builder.Property(w => w.FileName).HasMaxLength(260);
        builder.Property(w => w.Sha256).HasMaxLength(64);
        builder.Property(w => w.UploadedBy).HasMaxLength(256);
        builder.HasIndex(w => w.Methodology);
    }
}

internal sealed class EiRecordConfiguration : IEntityTypeConfiguration<EiRecord>
{
    public void Configure(EntityTypeBuilder<EiRecord> builder)
    {
        builder.ToTable("EiRecords");
        builder.Property(r => r.Methodology).HasMaxLength(20);
        builder.HasIndex(r => new { r.Methodology, r.RegionId, r.Year }).IsUnique();
        builder.HasIndex(r => r.RegionId);
        builder.HasIndex(r => r.ImportId);
        builder.HasOne(r => r.Region).WithMany().HasForeignKey(r => r.RegionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.Import).WithMany().HasForeignKey(r => r.ImportId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Values).WithOne(v => v.Record).HasForeignKey(v => v.RecordId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EiSubIndexValueConfiguration : IEntityTypeConfiguration<EiSubIndexValue>
{
    public void Configure(EntityTypeBuilder<EiSubIndexValue> builder)
    {
        builder.ToTable("EiSubIndexValues");
        builder.Property(v => v.SubIndex).HasMaxLength(64);
        builder.Property(v => v.Value).HasPrecision(18, 4);
        builder.HasIndex(v => new { v.RecordId, v.SubIndex }).IsUnique();
    }
}

internal sealed class GepRQuantityConfiguration : IEntityTypeConfiguration<GepRQuantity>
{
    public void Configure(EntityTypeBuilder<GepRQuantity> builder)
    {
        builder.ToTable("GepRQuantities");
        builder.Property(q => q.Service).HasMaxLength(64);
        builder.Property(q => q.Item).HasMaxLength(64);
        builder.Property(q => q.Quantity).HasPrecision(24, 6);
        builder.Property(q => q.Unit).HasMaxLength(20);
        builder.Property(q => q.Source).HasMaxLength(500);
        builder.HasIndex(q => new { q.RegionId, q.Year, q.Service, q.Item }).IsUnique();
        builder.HasIndex(q => q.ImportId);
        builder.HasOne(q => q.Region).WithMany().HasForeignKey(q => q.RegionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(q => q.Import).WithMany().HasForeignKey(q => q.ImportId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class GepRPriceConfiguration : IEntityTypeConfiguration<GepRPrice>
{
    public void Configure(EntityTypeBuilder<GepRPrice> builder)
    {
        builder.ToTable("GepRPrices");
        builder.Property(p => p.Service).HasMaxLength(64);
        builder.Property(p => p.Item).HasMaxLength(64);
        builder.Property(p => p.Price).HasPrecision(18, 4);
        builder.Property(p => p.Unit).HasMaxLength(20);
        builder.Property(p => p.Source).HasMaxLength(500);
        builder.Property(p => p.Note).HasMaxLength(500);
        builder.HasIndex(p => new { p.PriceYear, p.Service, p.Item }).IsUnique();
        builder.HasIndex(p => p.ImportId);
        builder.HasOne(p => p.Import).WithMany().HasForeignKey(p => p.ImportId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TargetAchievementConfiguration : IEntityTypeConfiguration<TargetAchievement>
{
    public void Configure(EntityTypeBuilder<TargetAchievement> builder)
    {
        builder.ToTable("TargetAchievements");
        builder.Property(a => a.Value).HasPrecision(18, 4);
        builder.Property(a => a.Weight).HasPrecision(18, 4);
        builder.Property(a => a.Source).HasMaxLength(200);
        builder.Property(a => a.EnteredBy).HasMaxLength(256);
        builder.HasIndex(a => new { a.TargetId, a.RegionId, a.Year }).IsUnique();
        builder.HasIndex(a => a.RegionId);
        builder.HasOne(a => a.Target).WithMany().HasForeignKey(a => a.TargetId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(a => a.Region).WithMany().HasForeignKey(a => a.RegionId).OnDelete(DeleteBehavior.Restrict);
    }
}
