using EcoPlan.Core.Notifications;
using Microsoft.AspNetCore.Mvc;

namespace EcoPlan.Web.Notifications;

/// <summary>The 通知 inbox's forms: mark one notice read, mark all of the caller's organization's notices read; a refusal is shown on the inbox.</summary>
public static class NoticePageActions
{
    private const string Inbox = "/notices";

    public static IEndpointRouteBuilder MapNoticePageActions(this IEndpointRouteBuilder app)
    {
        app.MapPost("/notifications/{id:int}/read", MarkRead).ExcludeFromDescription();
        app.MapPost("/notifications/read-all", MarkAllRead).ExcludeFromDescription();
        return app;
    }

    public static async Task<IResult> MarkRead(int id, [FromForm] string? returnUrl, EcoPlanDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var result = await new NoticeBoard(db, time).MarkReadAsync(user.Required, id, cancellationToken);
        return result.ToPage(_ => TypedResults.LocalRedirect(AccountEndpoints.SafeReturnUrl(returnUrl ?? Inbox)), Inbox);
    }

    public static async Task<IResult> MarkAllRead([FromForm] string? returnUrl, EcoPlanDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var result = await new NoticeBoard(db, time).MarkAllReadAsync(user.Required, cancellationToken);
        return result.ToPage(_ => TypedResults.LocalRedirect(AccountEndpoints.SafeReturnUrl(returnUrl ?? Inbox)), Inbox);
    }
}
