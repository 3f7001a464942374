using System.Globalization;
using EcoPlan.Core;
using EcoPlan.Core.Accounts;
using EcoPlan.Core.Progress;
using Xunit;

namespace EcoPlan.Testing;

/// <summary>Test shorthand for the reporting workflow's steps: a period as a date, and a step's value or refusal asserted.</summary>
public static class WorkflowSteps
{
    /// <summary><see cref="ProgressWorkflow.SaveAsync(UserAccess, int, ReportInput, CancellationToken)"/> for the period of a date.</summary>
    public static Task<UseCaseResult<ReportView>> SaveAsync(this ProgressWorkflow workflow, UserAccess user, int measureId, DateOnly period, ReportContent content,
        bool submit = false, IReadOnlyList<AttachmentUpload>? files = null)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return workflow.SaveAsync(user, measureId, new ReportInput(period.ToString("yyyy-MM", CultureInfo.InvariantCulture), content, submit, files));
    }

    /// <summary>The value of a step that must succeed (a test's set-up); the test fails with the refusal otherwise.</summary>
    public static async Task<T> Done<T>(this Task<UseCaseResult<T>> step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var result = await step;
        Assert.True(result.Succeeded, result.Error?.Message);
        return result.Value!;
    }

    /// <summary>The refusal of a step that must be refused.</summary>
    public static async Task<UseCaseError> RefusedAsync<T>(this Task<UseCaseResult<T>> step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var result = await step;
        Assert.False(result.Succeeded, "the step was not refused");
        return result.Error!;
    }
}
