using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace EcoPlan.Core.LandCover;

/// <summary>
/// The hot path of the analysis: class values → land types through a 256-entry table, the (from, to) pair of every
/// pixel (<c>from × 8 + to</c>), and a histogram of pairs per zone, each pixel weighted by its row's area.
/// The table maps a value to 0 (nodata), 1–6 (the land types) or <see cref="Unmapped"/> (a value the class mapping
/// does not list). Mapping is vectorized with a byte shuffle when the table's values from 16 up are one constant
/// (CLCD, 三调 and any product with classes below 16), the pair with <see cref="Vector{T}"/>; the histogram is
/// four interleaved sub-histograms so consecutive equal pairs do not wait on each other's store.
/// </summary>
public static class TransitionCounter
{
    /// <summary>The type code of a class value the mapping does not list: counted, reported, never an area.</summary>
    public const byte Unmapped = 7;

    /// <summary>Writes the land type of every class value of <paramref name="classes"/> into <paramref name="types"/>.</summary>
    public static void MapTypes(ReadOnlySpan<byte> classes, ReadOnlySpan<byte> table, Span<byte> types)
    {
        if (table.Length != 256 || types.Length < classes.Length)
        {
            throw new ArgumentException("A table of 256 entries and a destination as long as the classes are needed.");
        }

        var i = 0;
        if (Ssse3.IsSupported && ShuffleShape(table) is var (high, noData, noDataType))
        {
            var low = Vector128.Create(table[..16]);
            var fifteen = Vector128.Create((byte)15);
            var highValue = Vector128.Create(high);
            var noDataVector = Vector128.Create(noData);
            var noDataTypeVector = Vector128.Create(noDataType);
            for (; i + 16 <= classes.Length; i += 16)
            {
                var x = Vector128.Create(classes.Slice(i, 16));
                var shuffled = Ssse3.Shuffle(low, x & fifteen);
                var above = Vector128.ConditionalSelect(Vector128.Equals(x, noDataVector), noDataTypeVector, highValue);
                Vector128.ConditionalSelect(Vector128.GreaterThan(x, fifteen), above, shuffled).CopyTo(types.Slice(i, 16));
            }
        }

        for (; i < classes.Length; i++)
        {
            types[i] = table[classes[i]];
        }
    }

    /// <summary>Writes <c>from × 8 + to</c> for every pixel.</summary>
    public static void Pairs(ReadOnlySpan<byte> fromTypes, ReadOnlySpan<byte> toTypes, Span<byte> pairs)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var width = Vector<byte>.Count;
            for (; i + width <= fromTypes.Length; i += width)
            {
                (Vector.ShiftLeft(new Vector<byte>(fromTypes.Slice(i, width)), 3) | new Vector<byte>(toTypes.Slice(i, width))).CopyTo(pairs.Slice(i, width));
            }
        }

        for (; i < fromTypes.Length; i++)
        {
            pairs[i] = (byte)((fromTypes[i] << 3) | toTypes[i]);
        }
    }

    /// <summary>Adds the count of every pair value in <paramref name="pairs"/> to <paramref name="counts"/> (64 entries).</summary>
    public static void Count(ReadOnlySpan<byte> pairs, Span<long> counts)
    {
        Span<int> sub = stackalloc int[4 * LandTypes.Pairs];
        sub.Clear();
        var i = 0;
        for (; i + 4 <= pairs.Length; i += 4)
        {
            sub[pairs[i]]++;
            sub[LandTypes.Pairs + pairs[i + 1]]++;
            sub[(2 * LandTypes.Pairs) + pairs[i + 2]]++;
            sub[(3 * LandTypes.Pairs) + pairs[i + 3]]++;
        }

        for (; i < pairs.Length; i++)
        {
            sub[pairs[i]]++;
        }

        for (var p = 0; p < LandTypes.Pairs; p++)
        {
            counts[p] += sub[p] + sub[LandTypes.Pairs + p] + sub[(2 * LandTypes.Pairs) + p] + sub[(3 * LandTypes.Pairs) + p];
        }
    }

    /// <summary>
    /// When entries 16–255 of the table are one value except at most one (the nodata value, mapped to 0), the shuffle
    /// path applies: that value, and the exception with its type (or the constant twice when there is none).
    /// </summary>
    private static (byte High, byte NoData, byte NoDataType)? ShuffleShape(ReadOnlySpan<byte> table)
    {
        var high = table[16];
        int? exception = null;
        for (var v = 16; v < 256; v++)
        {
            if (table[v] == high)
            {
                continue;
            }

            if (exception is not null)
            {
                // A second odd value (or 16 itself was the odd one): the scalar path is right for any table.
                return null;
            }

            exception = v;
        }

        return exception is { } odd ? (high, (byte)odd, table[odd]) : (high, (byte)16, high);
    }
}
