using EcoPlan.Core.Notifications;

namespace EcoPlan.Core.Tests.Notifications;

public sealed class NoticeBoardTests
{
    private sealed record Setup(TestDatabase Database, int Forestry, int Water, int Environment, int RegionId) : IAsyncDisposable
    {
        public UserAccess User(string role, int organizationId) => new(7, "someone", role, organizationId, "", RegionId, "110112", null);

        public ValueTask DisposeAsync() => Database.DisposeAsync();
    }

    /// <summary>A migrated database (the reference data has the units) with a few notices to 区园林绿化局 and one to 区水务局.</summary>
    private static async Task<Setup> SetUpAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();
        var orgs = await db.Organizations.Where(o => o.Region!.Code == "110112").ToDictionaryAsync(o => o.Name, o => (o.Id, o.RegionId));
        var setup = new Setup(database, orgs["北京市通州区园林绿化局"].Id, orgs["北京市通州区水务局"].Id, orgs["北京市通州区生态环境局"].Id, orgs["北京市通州区园林绿化局"].RegionId);
        var board = new NoticeBoard(db, TimeProvider.System);
        await board.RaiseAsync(
        [
            new NoticeDraft(setup.Forestry, "test:1", "第一条", Cause: "cause:a"),
            new NoticeDraft(setup.Forestry, "test:2", "第二条", Cause: "cause:b"),
            new NoticeDraft(setup.Forestry, "test:3", "第三条"),
            new NoticeDraft(setup.Water, "test:1", "水务局的一条", Cause: "cause:a"),
        ]);
        return setup;
    }

    [ProviderTheory]
    public async Task Raise_TheSameFactManyTimesAtOnce_LeavesOneNotice(DatabaseProvider provider)
    {
        await using var setup = await SetUpAsync(provider);
        var fact = new NoticeDraft(setup.Forestry, "test:race", "同一件事");

        var raised = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            await using var db = setup.Database.NewContext();
            return (await new NoticeBoard(db, TimeProvider.System).RaiseAsync([fact, fact])).Count;
        }));

        Assert.Equal(1, raised.Sum());
        await using var check = setup.Database.NewContext();
        Assert.Equal(1, await check.Notifications.CountAsync(n => n.OrganizationId == setup.Forestry && n.Key == "test:race"));
        // The same key for another recipient is another notice.
        Assert.Single(await new NoticeBoard(check, TimeProvider.System).RaiseAsync([fact with { OrganizationId = setup.Water }]));
    }

    [ProviderTheory]
    public async Task Resolve_TakesTheNoticesOfItsCauseOffTheUnreadList_AndKeepsThemInTheHistory(DatabaseProvider provider)
    {
        await using var setup = await SetUpAsync(provider);
        await using var db = setup.Database.NewContext();
        var board = new NoticeBoard(db, TimeProvider.System);
        var forestry = setup.User(Roles.Unit, setup.Forestry);

        Assert.Equal(2, await board.ResolveAsync("cause:a"));

        Assert.Equal(2, await board.UnreadCountAsync(forestry));
        var unread = await board.InboxAsync(forestry, NoticeFilter.Unread);
        Assert.Equal(["第三条", "第二条"], unread.Items.Select(n => n.Text));
        var all = await board.InboxAsync(forestry, NoticeFilter.All);
        Assert.Equal(2, all.Unread);
        Assert.Equal(["第三条", "第二条", "第一条"], all.Items.Select(n => n.Text));
        Assert.True(all.Items[^1].IsResolved);
        Assert.Equal(0, await board.UnreadCountAsync(setup.User(Roles.Unit, setup.Water)));
    }

    [ProviderTheory]
    public async Task MarkAllRead_MarksOnlyTheCallersOwnOrganization(DatabaseProvider provider)
    {
        await using var setup = await SetUpAsync(provider);
        await using var db = setup.Database.NewContext();
        var board = new NoticeBoard(db, TimeProvider.System);

        Assert.Equal(3, await board.MarkAllReadAsync(setup.User(Roles.Unit, setup.Forestry)).Done());
        // A coordinator of the region marking all read marks its own organization's, not the units'.
        Assert.Equal(0, await board.MarkAllReadAsync(setup.User(Roles.Coordinator, setup.Environment)).Done());
        // A viewer reads the inbox but clears nothing for the others of the organization.
        Assert.IsType<UseCaseError.Forbidden>(await board.MarkAllReadAsync(setup.User(Roles.Viewer, setup.Water)).RefusedAsync());

        Assert.Equal(0, await board.UnreadCountAsync(setup.User(Roles.Unit, setup.Forestry)));
        Assert.Equal(1, await board.UnreadCountAsync(setup.User(Roles.Unit, setup.Water)));
        Assert.Equal(1, await db.Notifications.CountAsync(n => n.ReadAt == null));
    }

    [ProviderTheory]
    public async Task MarkRead_ByAnyoneOutsideTheRecipientOrAViewer_IsRefusedSayingWhose(DatabaseProvider provider)
    {
        await using var setup = await SetUpAsync(provider);
        await using var db = setup.Database.NewContext();
        var board = new NoticeBoard(db, TimeProvider.System);
        var notice = await db.Notifications.Where(n => n.OrganizationId == setup.Water).Select(n => n.Id).SingleAsync();

        var water = await db.Organizations.Where(o => o.Id == setup.Water).Select(o => o.Name).SingleAsync();
        foreach (var outsider in new[] { setup.User(Roles.Unit, setup.Forestry), setup.User(Roles.Viewer, setup.Environment), setup.User(Roles.Coordinator, setup.Environment), setup.User(Roles.Admin, setup.Environment) })
        {
            var refused = Assert.IsType<UseCaseError.Forbidden>(await board.MarkReadAsync(outsider, notice).RefusedAsync());
            // Said of the notice's organization, not of the caller's role.
            Assert.Equal($"this notice is for {water}; only its users mark it read", refused.Message);
        }

        // A viewer of the recipient is refused too: marking read would clear the notice for everyone there.
        Assert.StartsWith("a read-only (viewer) account does not mark notices read",
            Assert.IsType<UseCaseError.Forbidden>(await board.MarkReadAsync(setup.User(Roles.Viewer, setup.Water), notice).RefusedAsync()).Message, StringComparison.Ordinal);
        Assert.Null(await db.Notifications.Where(n => n.Id == notice).Select(n => n.ReadAt).SingleAsync());

        Assert.Equal("there is no notice 999999", Assert.IsType<UseCaseError.NotFound>(await board.MarkReadAsync(setup.User(Roles.Unit, setup.Water), 999_999).RefusedAsync()).Message);
        await board.MarkReadAsync(setup.User(Roles.Unit, setup.Water), notice).Done();
        Assert.NotNull(await db.Notifications.Where(n => n.Id == notice).Select(n => n.ReadAt).SingleAsync());
    }
}
