using EcoPlan.Core.Indicators;

namespace EcoPlan.Cli.Indicators;

/// <summary><c>ecoplan ei</c>: the ecological quality index (EI) from sub-index values.</summary>
internal static class EiCommand
{
    public static Command Create() => new("ei", "The ecological quality index (EI): compute it from sub-index values, write the input template.")
    {
        EiComputeCommand.Create(),
        EiTemplateCommand.Create(),
        EiImportCommand.Create(),
    };

    /// <summary>The --method option every EI command takes.</summary>
    internal static Option<string> MethodOption()
    {
        var method = new Option<string>("--method")
        {
            Description = $"The methodology: {string.Join(" or ", MethodologyCatalog.Ids)}.",
            Required = true,
        };
        method.AcceptOnlyFromAmong([.. MethodologyCatalog.Ids]);
        return method;
    }
}
