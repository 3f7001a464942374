using EcoPlan.Core;
using EcoPlan.Core.Plans;
using Microsoft.AspNetCore.Mvc;

namespace EcoPlan.Web.Indicators;

/// <summary>
/// The targets page's forms: an achieved value, a target edited or added. Each reads its numbers (culture-invariant),
/// calls <see cref="TargetEditor"/> once and goes back to the targets page of the form's plan and year, with the errors.
/// </summary>
public static class TargetPageActions
{
    public static async Task<IResult> SaveAchievement(int targetId, [FromForm] IFormCollection form, EcoPlanDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(user);
        var back = Back(form);
        int.TryParse(form["year"], NumberStyles.None, CultureInfo.InvariantCulture, out var year);
        if (!IndicatorPageActions.TryNumber(form["value"], out var value))
        {
            return new RedirectWithMessage(back, UiText.Get("Form_AchievedNotNumber", form["value"].ToString()));
        }

        if (!IndicatorPageActions.TryNumber(form["weight"], out var weight))
        {
            return new RedirectWithMessage(back, UiText.Get("Form_WeightNotArea", form["weight"].ToString()));
        }

        var result = await new TargetEditor(db, time).RecordAchievementAsync(user.Required, targetId,
            new AchievementInput(form["region"].ToString(), year, value, weight, form["source"].ToString()), cancellationToken);
        return result.ToPage(saved => TypedResults.LocalRedirect(TargetsPage(saved.PlanId, year)), back);
    }

    public static Task<IResult> Edit(int targetId, [FromForm] IFormCollection form, EcoPlanDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return SaveAsync(form, input => new TargetEditor(db, time).UpdateAsync(user.Required, targetId, input, cancellationToken));
    }

    /// <summary>Adds a target to the measure named by the form field <c>measure</c> (a form without script cannot change its action by the chosen measure).</summary>
    public static Task<IResult> Add([FromForm] IFormCollection form, EcoPlanDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(user);
        int.TryParse(form["measure"], NumberStyles.None, CultureInfo.InvariantCulture, out var measureId);
        return SaveAsync(form, input => new TargetEditor(db, time).AddAsync(user.Required, measureId, input, cancellationToken));
    }

    private static async Task<IResult> SaveAsync(IFormCollection form, Func<TargetInput, Task<UseCaseResult<SavedTarget>>> save)
    {
        ArgumentNullException.ThrowIfNull(form);
        var back = Back(form);
        var errors = new List<string>();
        if (!IndicatorPageActions.TryNumber(form["value"], out var value))
        {
            errors.Add(UiText.Get("Form_ValueNotNumber", form["value"].ToString()));
        }

        if (!IndicatorPageActions.TryNumber(form["baseline"], out var baseline))
        {
            errors.Add(UiText.Get("Form_BaselineNotNumber", form["baseline"].ToString()));
        }

        if (!Enum.TryParse<TargetComparator>(form["comparator"], ignoreCase: false, out var comparator) || !Enum.IsDefined(comparator)
            || int.TryParse(form["comparator"], CultureInfo.InvariantCulture, out _))
        {
            errors.Add(UiText.Get("Form_ComparatorUnknown", form["comparator"].ToString()));
        }

        var owners = new List<int>();
        foreach (var text in form["owners"])
        {
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                owners.Add(id);
            }
            else
            {
                errors.Add(UiText.Get("Form_OwnerUnknown", text));
            }
        }

        if (errors.Count > 0)
        {
            return new RedirectWithMessage(back, string.Join(UiText.Get("Form_ErrorSeparator"), errors));
        }

        var result = await save(new TargetInput(form["metric"].ToString(), form["unit"].ToString(), comparator, value, baseline, owners));
        int.TryParse(form["year"], NumberStyles.None, CultureInfo.InvariantCulture, out var year);
        return result.ToPage(saved => TypedResults.LocalRedirect(TargetsPage(saved.PlanId, year) + string.Create(CultureInfo.InvariantCulture, $"#target-{saved.TargetId}")), back);
    }

    /// <summary>Where a refused form goes back to: the targets page of the form's plan and year (hidden fields of every target form), else home.</summary>
    private static string Back(IFormCollection form)
    {
        int.TryParse(form["year"], NumberStyles.None, CultureInfo.InvariantCulture, out var year);
        return int.TryParse(form["plan"], NumberStyles.None, CultureInfo.InvariantCulture, out var plan) ? TargetsPage(plan, year) : "/";
    }

    private static string TargetsPage(int plan, int year) =>
        string.Create(CultureInfo.InvariantCulture, $"/indicators/targets?plan={plan}") + (year > 0 ? string.Create(CultureInfo.InvariantCulture, $"&year={year}") : "");
}
