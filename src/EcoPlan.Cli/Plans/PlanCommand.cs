namespace EcoPlan.Cli.Plans;

/// <summary><c>ecoplan plan</c>: action plans.</summary>
internal static class PlanCommand
{
    public static Command Create() => new("plan", "Action plans.")
    {
        PlanListCommand.Create(), PlanParseCommand.Create(), PlanImportCommand.Create(), PlanExportCommand.Create(), PlanAlignCommand.Create(),
    };
}
