using EcoPlan.Core.Import;

namespace EcoPlan.Core.Tests.Import;

public class ColumnSplitterTests
{
    [Fact]
    public void Split_DepartmentThenGovernmentsThenDash_IsLeadAndResponsible()
    {
        PlacedUnit[] units = [new("市水务局", Gap.Space), new("相关区政府", Gap.Space)];

        var split = ColumnSplitter.SplitLeadResponsibleCooperating(units, emptyCooperating: true);

        Assert.Equal(["市水务局"], split.Lead);
        Assert.Equal(["相关区政府"], split.Responsible);
        Assert.Empty(split.Cooperating);
        Assert.True(split.Certain);
    }

    [Fact]
    public void Split_TwoCellsWithoutDash_IsResponsibleAndCooperating()
    {
        PlacedUnit[] units = [new("各区政府", Gap.Space), new("市生态环境局", Gap.Space)];

        var split = ColumnSplitter.SplitLeadResponsibleCooperating(units, emptyCooperating: false);

        Assert.Empty(split.Lead);
        Assert.Equal(["各区政府"], split.Responsible);
        Assert.Equal(["市生态环境局"], split.Cooperating);
        Assert.False(split.Certain);
    }

    [Fact]
    public void Split_DistrictListOverBlankLines_StaysOneCell()
    {
        PlacedUnit[] units =
        [
            new("市园林绿化局", Gap.Space), new("昌平区政府", Gap.Blank), new("怀柔区政府", Gap.Line),
            new("密云区政府", Gap.Blank), new("市公安局", Gap.Blank),
        ];

        var split = ColumnSplitter.SplitLeadResponsibleCooperating(units, emptyCooperating: false);

        Assert.Equal(["市园林绿化局"], split.Lead);
        Assert.Equal(["昌平区政府", "怀柔区政府", "密云区政府"], split.Responsible);
        Assert.Equal(["市公安局"], split.Cooperating);
    }
}
