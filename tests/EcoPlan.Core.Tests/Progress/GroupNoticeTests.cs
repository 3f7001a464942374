using EcoPlan.Core.Progress;

namespace EcoPlan.Core.Tests.Progress;

/// <summary>Which late units are new to a lead's or coordinator's group notice, read from the unit list its text carries.</summary>
public sealed class GroupNoticeTests
{
    private static readonly DateOnly s_period = new(2026, 9, 1);

    private static Reminder Late(int unit, string name) =>
        new(7, "加强河湖管护", "区水务局会同区园林绿化局开展巡查", unit, name, s_period, new DateOnly(2026, 9, 25), ReminderLevel.Coordinator, 99, "");

    private static string Text(params string[] units) =>
        ReminderNotices.GroupText("加强河湖管护", "区水务局会同区园林绿化局开展巡查", s_period, new DateOnly(2026, 9, 25), units, lead: false);

    [Fact]
    public void NewToGroup_AUnitNamedOnlyInTheMeasureText_IsNew()
    {
        // The measure text names 区园林绿化局, but the notice's list does not: it is news when it falls late.
        var news = ReminderNotices.NewToGroup(Text("区水务局"), [Late(1, "区水务局"), Late(2, "区园林绿化局")]);

        Assert.Equal([2], news.Select(r => r.UnitId));
        Assert.Empty(ReminderNotices.NewToGroup(Text("区水务局", "区园林绿化局"), [Late(1, "区水务局"), Late(2, "区园林绿化局")]));
    }

    [Fact]
    public void NewToGroup_ACutList_CountsTheUnits()
    {
        var units = Enumerable.Range(1, ReminderNotices.GroupUnitsShown + 2).Select(i => $"第{i}街道").ToArray();
        var text = Text(units);
        Assert.Contains("等（12 个单位）", text, StringComparison.Ordinal);

        Assert.Empty(ReminderNotices.NewToGroup(text, [.. units.Select((u, i) => Late(i, u))]));
        Assert.Single(ReminderNotices.NewToGroup(text, [.. units.Append("第13街道").Select((u, i) => Late(i, u))]), r => r.Unit == "第13街道");
    }
}
