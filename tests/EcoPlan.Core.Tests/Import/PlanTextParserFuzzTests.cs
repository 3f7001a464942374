using EcoPlan.Core.Import;
using Xunit.Abstractions;

namespace EcoPlan.Core.Tests.Import;

public class PlanTextParserFuzzTests(ITestOutputHelper output)
{
    private const int Iterations = 4000;

    [Fact]
    public void Parse_MutatedSeeds_GiveAPlanOrAParseException()
    {
        var random = new Random(20261122);
        byte[][] seeds = [RepoFiles.Bytes(RepoFiles.Tongzhou), RepoFiles.Bytes(RepoFiles.Beijing)];
        var outcomes = new int[2];
        for (var i = 0; i < Iterations; i++)
        {
            var (bytes, mutations) = Mutate(seeds[i % seeds.Length], seeds, random);
            try
            {
                var plan = PlanTextParser.Parse(bytes);
                Assert.NotEmpty(PlanJson.Serialize(plan));
                outcomes[0]++;
            }
            catch (PlanParseException ex)
            {
                Assert.False(string.IsNullOrWhiteSpace(ex.Reason));
                outcomes[1]++;
            }
            catch (Exception ex)
            {
                Assert.Fail($"iteration {i} ({mutations}) threw {ex}");
            }
        }

        output.WriteLine($"{Iterations} mutations: {outcomes[0]} plans, {outcomes[1]} parse errors");
        // Both outcomes must occur, or the mutations are too weak (or too strong) to test anything.
        Assert.True(outcomes[0] > Iterations / 20 && outcomes[1] > Iterations / 20, $"plans {outcomes[0]}, errors {outcomes[1]}");
    }

    private static (byte[] Bytes, string Mutations) Mutate(byte[] seed, byte[][] seeds, Random random)
    {
        var lines = Lines(seed);
        var names = new List<string>();
        var count = random.Next(1, 4);
        byte[]? bytes = null;
        for (var m = 0; m < count; m++)
        {
            var kind = random.Next(8);
            names.Add(kind.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (kind < 5 && bytes is not null)
            {
                lines = Lines(bytes);
                bytes = null;
            }

            switch (kind)
            {
                case 0 when lines.Count > 1:
                    // Cut a run of lines.
                    var start = random.Next(lines.Count);
                    lines.RemoveRange(start, Math.Min(random.Next(1, 30), lines.Count - start));
                    break;
                case 1:
                    // Duplicate a run of lines somewhere else.
                    var from = random.Next(lines.Count);
                    var run = lines.Skip(from).Take(random.Next(1, 20)).ToList();
                    lines.InsertRange(random.Next(lines.Count + 1), run);
                    break;
                case 2:
                    // Swap lines.
                    for (var k = random.Next(1, 10); k > 0; k--)
                    {
                        var (a, b) = (random.Next(lines.Count), random.Next(lines.Count));
                        (lines[a], lines[b]) = (lines[b], lines[a]);
                    }

                    break;
                case 3:
                    // A line of the other seed.
                    var other = Lines(seeds[random.Next(seeds.Length)]);
                    lines.Insert(random.Next(lines.Count + 1), other[random.Next(other.Count)]);
                    break;
                case 4:
                    // Drop the tabs, or the spaces, of a line.
                    var at = random.Next(lines.Count);
                    var drop = random.Next(2) == 0 ? (byte)'\t' : (byte)' ';
                    lines[at] = [.. lines[at].Where(b => b != drop)];
                    break;
                default:
                    bytes ??= Join(lines);
                    bytes = kind switch
                    {
                        5 => Flip(bytes, random),
                        6 => bytes[..random.Next(bytes.Length + 1)],
                        _ => Insert(bytes, random),
                    };
                    break;
            }
        }

        return (bytes ?? Join(lines), string.Join(',', names));
    }

    private static byte[] Flip(byte[] bytes, Random random)
    {
        var copy = (byte[])bytes.Clone();
        for (var k = random.Next(1, 9); k > 0 && copy.Length > 0; k--)
        {
            copy[random.Next(copy.Length)] ^= (byte)random.Next(1, 256);
        }

        return copy;
    }

    private static byte[] Insert(byte[] bytes, Random random)
    {
        var noise = new byte[random.Next(1, 16)];
        random.NextBytes(noise);
        var at = random.Next(bytes.Length + 1);
        return [.. bytes[..at], .. noise, .. bytes[at..]];
    }

    private static List<byte[]> Lines(byte[] bytes)
    {
        var lines = new List<byte[]>();
        var start = 0;
        for (var i = 0; i <= bytes.Length; i++)
        {
            if (i == bytes.Length || bytes[i] == (byte)'\n')
            {
                lines.Add(bytes[start..i]);
                start = i + 1;
            }
        }

        return lines;
    }

    private static byte[] Join(List<byte[]> lines) => [.. lines.SelectMany((line, i) => i == 0 ? line : [(byte)'\n', .. line])];
}
