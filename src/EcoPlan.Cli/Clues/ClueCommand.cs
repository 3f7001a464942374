namespace EcoPlan.Cli.Clues;

/// <summary><c>ecoplan clue</c>: clues (线索) of damage to ecological space.</summary>
internal static class ClueCommand
{
    public static Command Create() => new("clue", "Clues (线索): import a batch, list them, verify their trails, write a 销号 archive.")
    {
        ClueImportCommand.Create(), ClueListCommand.Create(), ClueVerifyTrailCommand.Create(), ClueArchiveCommand.Create(),
    };
}
