using EcoPlan.Core.Operations;

namespace EcoPlan.Core.Tests.Operations;

public sealed class JobLeaseTests
{
    [ProviderTheory]
    public async Task OneInstanceHoldsAJob_UntilItGoes_ThenTheNextToTickTakesIt(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var first = new JobLease(database.Settings, "reminders");
        await using var second = new JobLease(database.Settings, "reminders");
        await using var otherJob = new JobLease(database.Settings, "exports");

        Assert.True(await first.HoldAsync(CancellationToken.None));
        Assert.True(await first.HoldAsync(CancellationToken.None));
        // SQLite is one instance's database: there every lease holds.
        Assert.Equal(provider == DatabaseProvider.Sqlite, await second.HoldAsync(CancellationToken.None));
        Assert.True(await otherJob.HoldAsync(CancellationToken.None));

        await first.DisposeAsync();

        Assert.True(await second.HoldAsync(CancellationToken.None));
    }
}
