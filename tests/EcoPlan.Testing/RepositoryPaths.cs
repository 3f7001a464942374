namespace EcoPlan.Testing;

/// <summary>Files of the repository (samples, truth files), found from the test assembly by walking up to EcoPlan.slnx.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> s_root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EcoPlan.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No EcoPlan.slnx above {AppContext.BaseDirectory}.");
    });

    public static string Root => s_root.Value;

    public static string Of(string relative) => Path.Combine(s_root.Value, relative);
}
