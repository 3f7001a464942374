using EcoPlan.Web.Import;
using Microsoft.Extensions.Time.Testing;

namespace EcoPlan.Web.Tests;

/// <summary>The staging place of import previews (plans, clue batches) keeps an upload a day, then it is gone from the disk too.</summary>
public sealed class UploadStoreTests
{
    [Fact]
    public async Task Upload_KeptForADay_ThenGoneAndSweptFromTheDisk()
    {
        var directory = Directory.CreateTempSubdirectory("ecoplan-uploads-");
        try
        {
            var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero));
            var store = new FileSystemUploadStore(new DatabaseSettings(DatabaseProvider.Sqlite, "", directory.FullName), clock);
            var first = await store.SaveAsync("第一个"u8.ToArray(), "a.geojson", CancellationToken.None);

            clock.Advance(TimeSpan.FromHours(23));
            Assert.Equal("a.geojson", (await store.ReadAsync(first, CancellationToken.None))?.FileName);
            var second = await store.SaveAsync("第二个"u8.ToArray(), "b.geojson", CancellationToken.None);

            // A day and an hour after the first: the next save sweeps it off the disk; the second (two hours old) stays.
            clock.Advance(TimeSpan.FromHours(2));
            var third = await store.SaveAsync("第三个"u8.ToArray(), "c.geojson", CancellationToken.None);
            var left = Directory.EnumerateFiles(Path.Combine(directory.FullName, "uploads", "pending")).Select(Path.GetFileName).Order(StringComparer.Ordinal);
            Assert.Equal(new[] { second, second + ".name", third, third + ".name" }.Order(StringComparer.Ordinal), left);
            Assert.Null(await store.ReadAsync(first, CancellationToken.None));
            Assert.Equal("b.geojson", (await store.ReadAsync(second, CancellationToken.None))?.FileName);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
