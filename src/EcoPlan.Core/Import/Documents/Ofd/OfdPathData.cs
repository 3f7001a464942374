namespace EcoPlan.Core.Import.Documents.Ofd;

/// <summary>
/// An OFD path's AbbreviatedData: S/M x y start a subpath, L x y draws a line, Q (2 points), B (3 points)
/// and A (rx ry angle large sweep x y) draw curves, C (or Z) closes the subpath. Numbers after a command's
/// own repeat it (after S/M they are lines), as in SVG.
/// </summary>
internal static class OfdPathData
{
    /// <summary>A subpath's points; <c>Straight</c> tells whether a line (not a curve) reaches the point.</summary>
    public static bool TryParse(string data, out List<List<(double X, double Y, bool Straight)>> subpaths)
    {
        subpaths = [];
        List<(double X, double Y, bool Straight)>? current = null;
        var tokens = data.Split([' ', '\t', '\r', '\n', ','], StringSplitOptions.RemoveEmptyEntries);
        var command = '\0';
        var i = 0;
        while (i < tokens.Length)
        {
            if (tokens[i].Length == 1 && char.IsAsciiLetter(tokens[i][0]))
            {
                command = char.ToUpperInvariant(tokens[i][0]);
                i++;
                if (command is 'C' or 'Z')
                {
                    if (current is { Count: > 0 })
                    {
                        current.Add((current[0].X, current[0].Y, true));
                        current = [current[0] with { Straight = false }];
                        subpaths.Add(current);
                    }

                    continue;
                }
            }

            var arity = command switch
            {
                'S' or 'M' or 'L' => 2,
                'Q' => 4,
                'B' => 6,
                'A' => 7,
                _ => -1,
            };
            if (arity < 0 || i + arity > tokens.Length)
            {
                return false;
            }

            var numbers = new double[arity];
            for (var k = 0; k < arity; k++)
            {
                if (!OfdPageReader.TryNumber(tokens[i + k], out numbers[k]))
                {
                    return false;
                }
            }

            i += arity;
            var point = (numbers[arity - 2], numbers[arity - 1]);
            if (command is 'S' or 'M')
            {
                current = [(point.Item1, point.Item2, false)];
                subpaths.Add(current);
                command = 'L';
                continue;
            }

            if (current is null)
            {
                return false;
            }

            current.Add((point.Item1, point.Item2, command == 'L'));
        }

        return true;
    }
}
