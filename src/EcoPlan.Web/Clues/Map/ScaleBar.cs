namespace EcoPlan.Web.Clues.Map;

/// <summary>The scale bar's length: 1, 2 or 5 times a power of ten metres (geomap.js picks it the same way when zooming).</summary>
internal static class ScaleBar
{
    /// <summary>The longest round length not above <paramref name="metres"/> (at least 1 m).</summary>
    public static double NiceLength(double metres)
    {
        if (!(metres > 1))
        {
            return 1;
        }

        var power = Math.Pow(10, Math.Floor(Math.Log10(metres)));
        var leading = metres / power;
        return power * (leading >= 5 ? 5 : leading >= 2 ? 2 : 1);
    }

    public static string Label(double metres) => metres >= 1000
        ? string.Create(CultureInfo.InvariantCulture, $"{metres / 1000:0.###} km")
        : string.Create(CultureInfo.InvariantCulture, $"{metres:0} m");
}
