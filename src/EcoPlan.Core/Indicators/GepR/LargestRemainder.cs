namespace EcoPlan.Core.Indicators.GepR;

/// <summary>
/// Apportionment of a whole number of yuan in proportion to weights by the largest-remainder (Hamilton) method: each
/// share is its quota rounded down, and the yuan left over go one each to the largest fractional parts (ties to the
/// earlier index). The shares always add up to the total exactly, and each lies within 1 of its quota.
/// </summary>
public static class LargestRemainder
{
    /// <param name="total">The whole yuan to apportion (≥ 0).</param>
    /// <param name="weights">Non-negative weights; at least one positive when <paramref name="total"/> is positive.</param>
    /// <param name="caps">Optional upper bounds per share; their sum must be at least <paramref name="total"/>.</param>
    public static long[] Apportion(long total, IReadOnlyList<decimal> weights, IReadOnlyList<long>? caps = null)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        if (weights.Any(w => w < 0))
        {
            throw new ArgumentException("Weights must not be negative.", nameof(weights));
        }

        if (caps is not null && (caps.Count != weights.Count || caps.Sum() < total))
        {
            throw new ArgumentException("One cap per weight, adding up to at least the total.", nameof(caps));
        }

        var shares = new long[weights.Count];
        if (total == 0)
        {
            return shares;
        }

        var sum = weights.Sum();
        if (sum == 0)
        {
            throw new ArgumentException("At least one weight must be positive to apportion a positive total.", nameof(weights));
        }

        var fractions = new decimal[weights.Count];
        for (var i = 0; i < weights.Count; i++)
        {
            var quota = weights[i] / sum * total;
            var floor = decimal.Floor(quota);
            shares[i] = (long)floor;
            fractions[i] = quota - floor;
            if (caps is not null && shares[i] > caps[i])
            {
                shares[i] = caps[i];
                fractions[i] = 0;
            }
        }

        // Quotas computed in decimal can be off in the 28th digit; correct in either direction so the sum is exact.
        var left = total - shares.Sum();
        var byFraction = Enumerable.Range(0, weights.Count).OrderByDescending(i => fractions[i]).ThenBy(i => i).ToList();
        while (left > 0)
        {
            var progressed = false;
            foreach (var i in byFraction.Where(i => weights[i] > 0 && (caps is null || shares[i] < caps[i])))
            {
                shares[i]++;
                progressed = true;
                if (--left == 0)
                {
                    break;
                }
            }

            if (!progressed)
            {
                throw new InvalidOperationException("No share can take the yuan left over.");
            }
        }

        for (var k = byFraction.Count - 1; left < 0 && k >= 0; k--)
        {
            var i = byFraction[k];
            if (shares[i] > 0)
            {
                shares[i]--;
                left++;
            }
        }

        return shares;
    }
}
