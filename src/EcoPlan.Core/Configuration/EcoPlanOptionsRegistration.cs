using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EcoPlan.Core.Configuration;

public static class EcoPlanOptionsRegistration
{
    /// <summary>
    /// Binds <see cref="EcoPlanOptions"/> from the host's configuration and checks it at start: a key the tree does not
    /// know (a typo), a value of the wrong type or out of range stops the start with a message naming the key.
    /// </summary>
    public static IServiceCollection AddEcoPlanOptions(this IServiceCollection services)
    {
        services.AddOptions<EcoPlanOptions>()
            .Configure<IConfiguration>((options, configuration) => Bind(configuration, options))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<EcoPlanOptions>, EcoPlanOptionsValidator>();
        return services;
    }

    /// <summary>The options as configured (unchecked), for code that runs before a service provider exists.</summary>
    public static EcoPlanOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new EcoPlanOptions();
        Bind(configuration, options);
        return options;
    }

    private static void Bind(IConfiguration configuration, EcoPlanOptions options)
    {
        try
        {
            configuration.GetSection(EcoPlanOptions.Section).Bind(options, binder => binder.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException ex)
        {
            // The binder's message names the key and the value ("… 'abc' at 'EcoPlan:Import:MaxFileBytes' to type 'System.Int64'").
            throw new SetupException(CoreText.Get("Options_Unreadable", ex.InnerException is { } inner ? $"{ex.Message} {inner.Message}" : ex.Message), ex);
        }
    }
}

/// <summary>Range checks of the settings, each failure naming its key.</summary>
internal sealed class EcoPlanOptionsValidator : IValidateOptions<EcoPlanOptions>
{
    public ValidateOptionsResult Validate(string? name, EcoPlanOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        void Positive(string key, long value)
        {
            if (value <= 0)
            {
                failures.Add(CoreText.Get("Options_Positive", key, value));
            }
        }

        void NotNegative(string key, long value)
        {
            if (value < 0)
            {
                failures.Add(CoreText.Get("Options_NotNegative", key, value));
            }
        }

        try
        {
            _ = DatabaseSettings.ParseProvider(options.DatabaseProvider);
        }
        catch (SetupException ex)
        {
            failures.Add(ex.Message);
        }

        Positive(ImportOptions.MaxFileBytesKey, options.Import.MaxFileBytes);
        Positive(AttachmentOptions.MaxBytesKey, options.Attachments.MaxBytes);
        Positive("EcoPlan:Reminders:IntervalMinutes", options.Reminders.IntervalMinutes);
        NotNegative("EcoPlan:Reminders:DueSoonDays", options.Reminders.DueSoonDays);
        NotNegative("EcoPlan:Reminders:EscalateToLeadAfterDays", options.Reminders.EscalateToLeadAfterDays);
        NotNegative("EcoPlan:Reminders:EscalateToCoordinatorAfterDays", options.Reminders.EscalateToCoordinatorAfterDays);
        Positive("EcoPlan:SignIn:PerClientBurst", options.SignIn.PerClientBurst);
        Positive("EcoPlan:SignIn:PerClientPerMinute", options.SignIn.PerClientPerMinute);
        Positive("EcoPlan:SignIn:PerAccountBurst", options.SignIn.PerAccountBurst);
        Positive("EcoPlan:SignIn:PerAccountPerMinute", options.SignIn.PerAccountPerMinute);
        NotNegative("EcoPlan:SignIn:FailuresBeforeBackoff", options.SignIn.FailuresBeforeBackoff);
        NotNegative("EcoPlan:SignIn:BackoffMilliseconds", options.SignIn.BackoffMilliseconds);
        NotNegative("EcoPlan:SignIn:MaxBackoffMilliseconds", options.SignIn.MaxBackoffMilliseconds);
        Positive("EcoPlan:SignIn:FailureWindowMinutes", options.SignIn.FailureWindowMinutes);
        NotNegative("EcoPlan:Operations:MinFreeDiskMegabytes", options.Operations.MinFreeDiskMegabytes);
        foreach (var proxy in options.Operations.KnownProxies)
        {
            if (!System.Net.IPAddress.TryParse(proxy, out _))
            {
                failures.Add(CoreText.Get("Options_NotAnAddress", "EcoPlan:Operations:KnownProxies", proxy));
            }
        }

        if (options.Smtp.Port is < 1 or > 65535)
        {
            failures.Add(CoreText.Get("Options_Port", "EcoPlan:Smtp:Port", options.Smtp.Port));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
