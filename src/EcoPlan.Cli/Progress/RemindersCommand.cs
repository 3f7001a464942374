namespace EcoPlan.Cli.Progress;

/// <summary><c>ecoplan reminders</c>: reminders (催办) for late progress reports.</summary>
internal static class RemindersCommand
{
    public static Command Create() => new("reminders", "Reminders (催办) for late progress reports.") { RemindersRunCommand.Create() };
}
