using EcoPlan.Core.Data;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace EcoPlan.Testing;

/// <summary>
/// Runs a test once per database provider: SQLite always, PostgreSQL when ECOPLAN_TEST_POSTGRES names a
/// server, and otherwise reports the PostgreSQL run as skipped with how to enable it. The test method
/// takes one <see cref="DatabaseProvider"/> parameter.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("EcoPlan.Testing.ProviderTheoryDiscoverer", "EcoPlan.Testing")]
public sealed class ProviderTheoryAttribute : FactAttribute;

public sealed class ProviderTheoryDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        ArgumentNullException.ThrowIfNull(discoveryOptions);
        var display = discoveryOptions.MethodDisplayOrDefault();
        var options = discoveryOptions.MethodDisplayOptionsOrDefault();
        yield return new XunitTestCase(diagnosticMessageSink, display, options, testMethod, [DatabaseProvider.Sqlite]);
        yield return TestDatabase.PostgresConnectionString is null
            ? new XunitSkippedDataRowTestCase(diagnosticMessageSink, display, options, testMethod, TestDatabase.PostgresSkipReason, [DatabaseProvider.Postgres])
            : new XunitTestCase(diagnosticMessageSink, display, options, testMethod, [DatabaseProvider.Postgres]);
    }
}

/// <summary>A fact that needs PostgreSQL: skipped, saying how to run it, unless ECOPLAN_TEST_POSTGRES is set.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (TestDatabase.PostgresConnectionString is null)
        {
            Skip = TestDatabase.PostgresSkipReason;
        }
    }
}
