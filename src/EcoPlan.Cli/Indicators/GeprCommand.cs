namespace EcoPlan.Cli.Indicators;

/// <summary><c>ecoplan gepr</c>: GEP-R accounts and compensation from csv files, and the ledger in the database.</summary>
internal static class GeprCommand
{
    public static Command Create() => new("gepr", "GEP-R (生态系统调节服务价值): accounts per region, year and service, comparable prices, growth, shares, and compensation between districts.")
    {
        GeprComputeCommand.Create(),
        GeprCompensateCommand.Create(),
        GeprTemplateCommand.Create(),
        GeprImportCommand.Create(),
    };
}
