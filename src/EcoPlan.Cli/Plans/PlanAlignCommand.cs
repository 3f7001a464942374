using System.Text.Encodings.Web;
using System.Text.Json;
using EcoPlan.Core.Accounts;
using EcoPlan.Core.Cascade;

namespace EcoPlan.Cli.Plans;

/// <summary>
/// `ecoplan plan align CITY_PLAN DISTRICT_PLAN [--json]`: for each district measure by its 序号, the city measures it
/// likely implements, best first, as task.measure (docs/cascade.md). Decisions already taken are shown; nothing is changed.
/// </summary>
internal static class PlanAlignCommand
{
    private static readonly JsonSerializerOptions s_json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var city = new Argument<int>("CITY_PLAN") { Description = "The city plan's id (see `ecoplan plan list`)." };
        var district = new Argument<int>("DISTRICT_PLAN") { Description = "The id of the district plan that implements it." };
        var json = new Option<bool>("--json") { Description = "Print [{\"district\": 序号, \"suggestions\": [{\"city\": \"9.3\", \"measure_id\": id, \"score\": s}]}]." };
        var command = new Command("align", "Suggests, for each measure of a district plan, the city measures it implements, by the text both share.") { city, district, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var database = await CliDatabase.OpenAsync(parse, cancellationToken);
            var alignment = await new MeasureAlignment(database.Db, TimeProvider.System)
                .SuggestAsync(UserAccess.System, parse.GetValue(district), parse.GetValue(city), cancellationToken);
            var output = parse.InvocationConfiguration.Output;
            if (alignment.Value is not { } plans)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"ecoplan: {alignment.Error!.Message}");
                return CliFiles.BadInput;
            }

            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(plans.Measures.Select(m => new
                {
                    district = m.Measure.Number is { } number ? (object)number : m.Measure.Label,
                    suggestions = m.Suggestions.Select(s => new { city = s.City.Label, measure_id = s.City.Id, score = s.Score }),
                }), s_json));
                return 0;
            }

            await output.WriteLineAsync($"{plans.District.RegionName} {plans.District.Year} (plan {plans.District.Id}) → {plans.City.RegionName} {plans.City.Year} (plan {plans.City.Id})");
            foreach (var m in plans.Measures)
            {
                var suggestions = m.Suggestions.Count == 0
                    ? "— (本级自定: no city measure shares its text)"
                    : string.Join("  ", m.Suggestions.Select(s =>
                        string.Create(CultureInfo.InvariantCulture, $"{s.City.Label} {s.Score:0.00}{Decided(s.State)} [{string.Join("、", s.SharedPhrases.Take(3))}]")));
                await output.WriteLineAsync($"{m.Measure.Label}\t{suggestions}");
            }

            return 0;
        });
        return command;
    }

    private static string Decided(MeasureLinkState? state) => state switch
    {
        MeasureLinkState.Confirmed => " (confirmed)",
        MeasureLinkState.Rejected => " (rejected)",
        null => "",
    };
}
