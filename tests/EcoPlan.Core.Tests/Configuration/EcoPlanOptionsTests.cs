using EcoPlan.Core.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EcoPlan.Core.Tests.Configuration;

/// <summary>The options tree is checked at start: a bad setting stops it with a message naming the key.</summary>
public sealed class EcoPlanOptionsTests
{
    private static void Start(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddEcoPlanOptions().BuildServiceProvider();
        services.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public void Defaults_AreValid()
    {
        Start();
        Start(("EcoPlan:Reminders:Enabled", "false"), ("EcoPlan:Smtp:Host", "mail.example"), ("EcoPlan:Import:MaxFileBytes", "1048576"));
    }

    [Theory]
    [InlineData("EcoPlan:Import:MaxFileBytes", "0", "EcoPlan:Import:MaxFileBytes must be a positive number, not 0")]
    [InlineData("EcoPlan:Attachments:MaxBytes", "-5", "EcoPlan:Attachments:MaxBytes must be a positive number, not -5")]
    [InlineData("EcoPlan:Reminders:IntervalMinutes", "0", "EcoPlan:Reminders:IntervalMinutes must be a positive number, not 0")]
    [InlineData("EcoPlan:Smtp:Port", "70000", "EcoPlan:Smtp:Port must be a port from 1 to 65535, not 70000")]
    [InlineData("EcoPlan:DatabaseProvider", "oracle", "EcoPlan:DatabaseProvider is 'oracle'")]
    public void OutOfRange_FailsNamingTheKey(string key, string value, string expected)
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Start((key, value)));

        Assert.Contains(expected, Assert.Single(ex.Failures), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("EcoPlan:Import:MaxFileBytes", "20MB", "'EcoPlan:Import:MaxFileBytes'")]
    [InlineData("EcoPlan:Reminder:Enabled", "false", "'Reminder'")]
    public void UnreadableOrUnknown_FailsNamingTheKey(string key, string value, string expected)
    {
        var ex = Assert.Throws<SetupException>(() => Start((key, value)));

        Assert.StartsWith("a setting cannot be read:", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }
}
