using EcoPlan.Core.Notifications;

namespace EcoPlan.Web.Notifications;

/// <summary>
/// The signed-in user's count of unread notices for this request (the navigation's badge, a page's one-line summary),
/// read once, on a pooled context of its own: the layout renders alongside the page, whose queries hold the request's.
/// </summary>
public sealed class UnreadNotices(CurrentUser current, IServiceScopeFactory scopes, TimeProvider time)
{
    private Task<int>? _count;

    public Task<int> CountAsync() => _count ??= ReadAsync();

    private async Task<int> ReadAsync()
    {
        if (current.Access is not { } user)
        {
            return 0;
        }

        await using var scope = scopes.CreateAsyncScope();
        return await new NoticeBoard(scope.ServiceProvider.GetRequiredService<EcoPlanDbContext>(), time).UnreadCountAsync(user);
    }
}
