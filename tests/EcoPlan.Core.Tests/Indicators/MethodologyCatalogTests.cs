using System.Text;
using System.Text.Json;
using EcoPlan.Core.Indicators;

namespace EcoPlan.Core.Tests.Indicators;

public sealed class MethodologyCatalogTests
{
    [Fact]
    public void Hj192_HasTheFiveWeightedSubIndices()
    {
        var m = MethodologyCatalog.Load(MethodologyCatalog.Hj192);

        Assert.True(m.WeightsConfigured);
        Assert.Equal(
            ["biological_abundance", "vegetation_cover", "water_network_density", "land_stress", "pollution_load"],
            m.SubIndices.Select(s => s.Key));
        // 0.35 + 0.25 + 0.15 + 0.15 + 0.10 = 1.00 [C:IndexCalculatTools.py, EiClaculat]
        Assert.Equal([0.35m, 0.25m, 0.15m, 0.15m, 0.10m], m.SubIndices.Select(s => s.Weight!.Value));
        Assert.Equal(IndexDirection.HigherWorse, m.SubIndex("land_stress").Direction);
        Assert.Equal(IndexDirection.HigherWorse, m.SubIndex("pollution_load").Direction);
        Assert.Equal(["优", "良", "一般", "较差", "差"], m.Grades.Select(g => g.Name));
        Assert.Equal([75m, 55m, 35m, 20m, 0m], m.Grades.Select(g => g.Min));
        Assert.Equal([0m, 1m, 3m, 8m], m.ChangeBands.Select(b => b.MinAbs));
    }

    [Fact]
    public void Hj192_SaysWhichCoefficientsAreUnconfirmed()
    {
        var m = MethodologyCatalog.Load(MethodologyCatalog.Hj192);
        var coefficients = m.SubIndices.SelectMany(s => s.Coefficients).ToDictionary(c => c.Key);

        Assert.Null(coefficients["A_veg"].Value);
        Assert.False(coefficients["A_veg"].Confirmed);
        Assert.Contains("NOT FOUND", coefficients["A_veg"].Source, StringComparison.Ordinal);
        Assert.False(coefficients["A_NH3"].Confirmed);
        Assert.Equal(511.2642131067, coefficients["A_bio"].Value);
        Assert.True(coefficients["A_bio"].Confirmed);
        Assert.False(m.Restriction!.Confirmed);
        Assert.All(m.LandCover!.Classes.Single(c => c.Key == "water_wetland").SubClasses, s => Assert.False(s.Confirmed));
        Assert.Throws<CoefficientNotConfiguredException>(() => m.Coefficient("A_veg"));
    }

    [Fact]
    public void Hj192_LandCoverWeightsAddUpPerClass()
    {
        var m = MethodologyCatalog.Load(MethodologyCatalog.Hj192);

        // Top level: 0.35 + 0.21 + 0.28 + 0.11 + 0.04 + 0.01 = 1.00; the sub-weights of each class add up to 1,
        // except 水域湿地 as the note records it: 0.1 + 0.3 + 0.5 = 0.9 (its column mapping is UNCONFIRMED).
        Assert.Equal(1.0, m.LandCover!.Classes.Sum(c => c.Weight), 9);
        foreach (var c in m.LandCover.Classes)
        {
            Assert.Equal(c.Key == "water_wetland" ? 0.9 : 1.0, c.SubClasses.Sum(s => s.Weight), 9);
        }
    }

    [Fact]
    public void Db11_NamesTheFourteenSubIndicesAndOwnersOfThePlan()
    {
        var m = MethodologyCatalog.Load(MethodologyCatalog.Db11);
        using var targets = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests/EcoPlan.Core.Tests/Import/Truth/targets.json")));
        var expected = targets.RootElement.GetProperty("targets").EnumerateArray()
            .Where(t => t.GetProperty("file").GetString() == "000" && t.GetProperty("kind").GetString() == "ei_sub_index")
            .Select(t => (Name: t.GetProperty("indicator").GetString()!.Replace("EI子指数：", "", StringComparison.Ordinal),
                Owners: t.GetProperty("owners").EnumerateArray().Select(o => o.GetString()!).ToList()))
            .ToList();

        Assert.Equal(14, m.SubIndices.Count);
        Assert.Equal(expected.Select(e => e.Name), m.SubIndices.Select(s => s.Name));
        foreach (var (name, owners) in expected)
        {
            Assert.Equal(owners, m.SubIndices.Single(s => s.Name == name).Owners);
        }

        Assert.False(m.WeightsConfigured);
        Assert.All(m.SubIndices, s => Assert.Null(s.Weight));
        Assert.All(m.SubIndices, s => Assert.False(s.Confirmed));
        Assert.Equal("110112", m.OwnersRegion);
    }

    [Fact]
    public void Db11_TakesAWeightsFile()
    {
        var m = MethodologyCatalog.Load(MethodologyCatalog.Db11);
        var weights = m.SubIndices.ToDictionary(s => s.Key, _ => 1m / 14m);
        // 14 × round(1/14) misses 1 by 2e-28 at most, within the 0.0001 tolerance.
        var json = JsonSerializer.Serialize(new { methodology = "db11-1877", source = "test weights", weights });

        var weighted = MethodologyCatalog.WithWeights(m, new MemoryStream(Encoding.UTF8.GetBytes(json)));

        Assert.True(weighted.WeightsConfigured);
        Assert.Equal("test weights", weighted.WeightsSource);
        Assert.False(m.WeightsConfigured);
    }

    [Theory]
    [InlineData("""{"methodology":"hj192-2015","weights":{}}""", "not db11-1877")]
    [InlineData("""{"weights":{"air_environment":1}}""", "The weights lack water_network_density")]
    [InlineData("""{"weights":{"nonsense":1}}""", "Unknown sub-index nonsense")]
    [InlineData("""{"source":"x"}""", "no \"weights\"")]
    [InlineData("""not json""", "Not a valid weights file")]
    public void Db11_RejectsABadWeightsFile(string json, string message)
    {
        var m = MethodologyCatalog.Load(MethodologyCatalog.Db11);

        var ex = Assert.Throws<MethodologyException>(() => MethodologyCatalog.WithWeights(m, new MemoryStream(Encoding.UTF8.GetBytes(json))));

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithWeights_RejectsNegativeWeightsAndWrongSums()
    {
        var m = MethodologyCatalog.Load(MethodologyCatalog.Db11);
        var half = m.SubIndices.ToDictionary(s => s.Key, _ => 0.5m / 14);
        var negative = m.SubIndices.ToDictionary(s => s.Key, s => s.Key == "grassland" ? -0.1m : 1.1m / 13);

        Assert.Contains("add up to 0.5", Assert.Throws<MethodologyException>(() => MethodologyCatalog.WithWeights(m, half, "t")).Message, StringComparison.Ordinal);
        Assert.Contains("grassland is negative", Assert.Throws<MethodologyException>(() => MethodologyCatalog.WithWeights(m, negative, "t")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithCoefficients_SuppliesAnUnconfirmedCoefficient()
    {
        var m = MethodologyCatalog.Load(MethodologyCatalog.Hj192).WithCoefficients(new Dictionary<string, double> { ["A_veg"] = 100 });

        Assert.Equal(100, m.Coefficient("A_veg"));
        Assert.True(m.SubIndices.SelectMany(s => s.Coefficients).Single(c => c.Key == "A_veg").UserSupplied);
        Assert.Throws<ArgumentException>(() => m.WithCoefficients(new Dictionary<string, double> { ["A_nope"] = 1 }));
    }

    [Fact]
    public void Load_RejectsAnUnknownId()
    {
        var ex = Assert.Throws<MethodologyException>(() => MethodologyCatalog.Load("hj192-2006"));

        Assert.Contains("hj192-2015, db11-1877", ex.Message, StringComparison.Ordinal);
    }
}
