using System.Text;

namespace EcoPlan.Core.Cascade;

/// <summary>A measure as the aligner sees it: its id, its label in the issued table (9.3) and its text.</summary>
public sealed record AlignmentMeasure(int Id, string Label, string Text);

/// <summary>
/// A city measure suggested for a district measure: <see cref="Score"/> is the share of the district measure's weighted
/// character pairs the city measure carries (0 to 1), <see cref="SharedPhrases"/> the longest stretches of text both
/// hold, most telling first: the reason a person reads.
/// </summary>
public sealed record AlignmentSuggestion(int CityMeasureId, string CityLabel, double Score, IReadOnlyList<string> SharedPhrases);

/// <summary>
/// Finds the city measures a district measure implements, by the text both share. Chinese has no spaces, so the terms
/// are character bigrams within runs of Chinese, Latin letters and digits (never across punctuation), scored with Okapi
/// BM25 over the city plan's measures as the collection. Words every measure uses (推进, 开展, 加强) occur in many city
/// measures and weigh little by BM25's IDF; the few stock phrases of a plan one level down (按照市级统一部署, 配合市级) are
/// removed before counting, as they say nothing about which measure is meant.
/// The score is BM25 divided by the district measure's score against itself, so it reads the same whatever the text's
/// length: on the sample pair every right match scores 0.19 or more and unrelated texts stay under 0.10 (docs/cascade.md).
/// Jieba or SmartCn segmentation was not needed: bigrams put the right city measure first for all 20 Tongzhou measures.
/// </summary>
public sealed class MeasureAligner
{
    /// <summary>Below this score a city measure is not suggested: unrelated texts of the sample pair score under 0.10.</summary>
    public const double DefaultMinScore = 0.12;

    /// <summary>How many city measures are suggested at most for one district measure.</summary>
    public const int DefaultMaxSuggestions = 3;

    // Okapi BM25's usual constants; the collection is small and the texts alike in length, so tuning buys nothing.
    private const double K1 = 1.2;
    private const double B = 0.75;

    /// <summary>Stock phrases of a lower-level plan pointing upwards: they tell that a measure implements one, never which.</summary>
    private static readonly string[] s_stockPhrases =
    [
        "按照市级统一部署", "按照市级部门工作部署", "按照市级部门部署", "按照市级工作部署", "按照市级工作安排", "在市级统一工作部署下",
        "按照国家部署", "配合市级部门", "配合市级", "按照区级统一部署", "配合区级",
    ];

    private readonly AlignmentMeasure[] _city;
    private readonly int[] _lengths;
    private readonly double _averageLength;
    private readonly Dictionary<string, Posting[]> _postings;
    private readonly Dictionary<string, double> _idf;
    private readonly double _unseenIdf;

    public MeasureAligner(IReadOnlyList<AlignmentMeasure> cityMeasures)
    {
        ArgumentNullException.ThrowIfNull(cityMeasures);
        _city = [.. cityMeasures];
        _lengths = new int[_city.Length];
        var postings = new Dictionary<string, List<Posting>>(StringComparer.Ordinal);
        for (var i = 0; i < _city.Length; i++)
        {
            var terms = Terms(_city[i].Text);
            _lengths[i] = terms.Values.Sum();
            foreach (var (term, count) in terms)
            {
                if (!postings.TryGetValue(term, out var list))
                {
                    postings[term] = list = [];
                }

                list.Add(new Posting(i, count));
            }
        }

        _averageLength = _city.Length == 0 ? 1 : Math.Max(1, _lengths.Average());
        _postings = postings.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        _idf = postings.ToDictionary(p => p.Key, p => Idf(p.Value.Count), StringComparer.Ordinal);
        _unseenIdf = Idf(0);
    }

    /// <summary>The city measures <paramref name="districtText"/> most likely implements, best first.</summary>
    public IReadOnlyList<AlignmentSuggestion> Suggest(string districtText, int max = DefaultMaxSuggestions, double minScore = DefaultMinScore)
    {
        ArgumentNullException.ThrowIfNull(districtText);
        var query = Terms(districtText);
        var self = SelfScore(query);
        if (self <= 0 || _city.Length == 0 || max <= 0)
        {
            return [];
        }

        var scores = new double[_city.Length];
        foreach (var (term, _) in query)
        {
            if (!_postings.TryGetValue(term, out var postings))
            {
                continue;
            }

            var idf = _idf[term];
            foreach (var posting in postings)
            {
                scores[posting.Document] += idf * Saturated(posting.Count, _lengths[posting.Document]);
            }
        }

        return [.. Enumerable.Range(0, _city.Length)
            .Select(i => (Index: i, Score: scores[i] / self))
            .Where(s => s.Score >= minScore)
            .OrderByDescending(s => s.Score).ThenBy(s => s.Index)
            .Take(max)
            .Select(s => new AlignmentSuggestion(_city[s.Index].Id, _city[s.Index].Label, Math.Round(s.Score, 3), SharedPhrases(districtText, _city[s.Index].Text)))];
    }

    /// <summary>How well a city measure's text matches a district measure's, on the same scale as <see cref="Suggest"/>.</summary>
    public double Score(string districtText, int cityMeasureId)
    {
        ArgumentNullException.ThrowIfNull(districtText);
        var index = Array.FindIndex(_city, c => c.Id == cityMeasureId);
        var query = Terms(districtText);
        var self = SelfScore(query);
        if (index < 0 || self <= 0)
        {
            return 0;
        }

        var score = 0.0;
        foreach (var (term, _) in query)
        {
            if (_postings.TryGetValue(term, out var postings) && Array.Find(postings, p => p.Document == index) is { Count: > 0 } hit)
            {
                score += _idf[term] * Saturated(hit.Count, _lengths[index]);
            }
        }

        return Math.Round(score / self, 3);
    }

    /// <summary>
    /// The stretches of text both measures hold, at least two characters: runs of consecutive shared bigrams of the
    /// district text, joined. A stretch made only of words most city measures use (推进, 开展) is left out.
    /// </summary>
    internal IReadOnlyList<string> SharedPhrases(string districtText, string cityText, int max = 5)
    {
        var city = Terms(cityText);
        var phrases = new List<(string Text, double Weight)>();
        foreach (var run in Runs(districtText))
        {
            var start = -1;
            for (var i = 0; i <= run.Length - 1; i++)
            {
                var shared = i < run.Length - 1 && city.ContainsKey(run.Substring(i, 2));
                if (shared && start < 0)
                {
                    start = i;
                }
                else if (!shared && start >= 0)
                {
                    var phrase = run[start..(i + 1)];
                    var weight = Enumerable.Range(0, phrase.Length - 1).Sum(j => _idf.GetValueOrDefault(phrase.Substring(j, 2), _unseenIdf));
                    phrases.Add((phrase, weight));
                    start = -1;
                }
            }
        }

        // A two-character phrase whose IDF says it is in most city measures explains nothing.
        var common = Idf(Math.Max(1, _city.Length / 4));
        var kept = phrases.Where(p => p.Text.Length > 2 || p.Weight > common).OrderByDescending(p => p.Weight).ToList();
        // A phrase inside a longer one (区生态环境 in 区生态环境质量指数) says nothing more.
        return [.. kept.Where((p, i) => !kept.Where((q, j) => j != i && q.Text.Length > p.Text.Length).Any(q => q.Text.Contains(p.Text, StringComparison.Ordinal)))
            .Select(p => p.Text).Distinct(StringComparer.Ordinal).Take(max)];
    }

    private double SelfScore(Dictionary<string, int> query)
    {
        var length = query.Values.Sum();
        return query.Sum(q => _idf.GetValueOrDefault(q.Key, _unseenIdf) * Saturated(q.Value, length));
    }

    private double Saturated(int count, int length) => count * (K1 + 1) / (count + (K1 * (1 - B + (B * length / _averageLength))));

    private double Idf(int documentFrequency) => Math.Log(1 + ((_city.Length - documentFrequency + 0.5) / (documentFrequency + 0.5)));

    /// <summary>The character bigrams of a text with their counts (a one-character run counts as itself).</summary>
    internal static Dictionary<string, int> Terms(string text)
    {
        var terms = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var run in Runs(text))
        {
            if (run.Length == 1)
            {
                terms[run] = terms.GetValueOrDefault(run) + 1;
            }

            for (var i = 0; i + 2 <= run.Length; i++)
            {
                var term = run.Substring(i, 2);
                terms[term] = terms.GetValueOrDefault(term) + 1;
            }
        }

        return terms;
    }

    /// <summary>
    /// The text's runs of Chinese characters, letters and digits, after width folding (（EI） and (EI) alike), lower case
    /// and the stock phrases removed; punctuation and spaces end a run.
    /// </summary>
    internal static List<string> Runs(string text)
    {
        var folded = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        foreach (var stock in s_stockPhrases)
        {
            folded = folded.Replace(stock, " ", StringComparison.Ordinal);
        }

        var runs = new List<string>();
        var current = new StringBuilder();
        foreach (var c in folded)
        {
            // GEP-R stays one run: a hyphen joins Latin letters and digits, as in the names of indices.
            if (char.IsLetterOrDigit(c) || (c == '-' && current.Length > 0 && char.IsAscii(current[^1])))
            {
                current.Append(c);
            }
            else if (current.Length > 0)
            {
                runs.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            runs.Add(current.ToString());
        }

        return runs;
    }

    private readonly record struct Posting(int Document, int Count);
}
