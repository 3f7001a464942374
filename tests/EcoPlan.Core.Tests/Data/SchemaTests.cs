namespace EcoPlan.Core.Tests.Data;

public sealed class SchemaTests
{
    [ProviderTheory]
    public async Task Migrations_BuildTheSameSchemaAsTheModel(DatabaseProvider provider)
    {
        await using var migrated = await TestDatabase.CreateAsync(provider);
        await using var created = await TestDatabase.CreateAsync(provider);

        await using (var db = migrated.NewContext())
        {
            await db.Database.MigrateAsync();
        }

        await using (var db = created.NewContext())
        {
            Assert.True(await db.Database.EnsureCreatedAsync());
        }

        await using var fromMigrations = migrated.NewContext();
        await using var fromModel = created.NewContext();
        var expected = await SchemaSnapshot.ReadAsync(fromModel);
        var actual = await SchemaSnapshot.ReadAsync(fromMigrations);

        Assert.Contains("MeasureAssignments", expected, StringComparison.Ordinal);
        Assert.Contains("MethodologyWeights", expected, StringComparison.Ordinal);
        Assert.Equal(expected, actual);
    }

    [ProviderTheory]
    public async Task Migrate_IsRecordedAndSecondRunAppliesNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();

        var first = await DatabaseInitializer.MigrateAsync(db, database.Settings);
        var second = await DatabaseInitializer.MigrateAsync(db, database.Settings);

        Assert.Equal(db.Database.GetMigrations(), first);
        Assert.Empty(second);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }
}
