namespace EcoPlan.Core.Notifications;

/// <summary>A notice to raise: to whom, the fact it reports (its key), what it says, and what ends it.</summary>
public sealed record NoticeDraft(int OrganizationId, string Key, string Text, string? Link = null, string? Cause = null);

/// <summary>One line of an inbox.</summary>
public sealed record NoticeItem(int Id, string Text, string? Link, DateTime CreatedAt, bool IsRead, bool IsResolved)
{
    public bool IsUnread => !IsRead && !IsResolved;
}

/// <summary>Which notices an inbox lists: the unread ones, or all (open first, then the resolved ones as history).</summary>
public enum NoticeFilter
{
    Unread,
    All,
}

/// <summary>A caller's inbox: how many notices are unread, and the notices the filter lists.</summary>
public sealed record NoticeInbox(int Unread, IReadOnlyList<NoticeItem> Items);

/// <summary>
/// The 通知 inbox of an organization. Notices go to organizations; every user of the organization sees them and may mark
/// them read, and nobody else may (a coordinator reading a unit's page does not clear the unit's notices). Raising is
/// idempotent by the fact's key, also when two runs raise the same fact at once (the unique index decides); resolving
/// goes by cause.
/// </summary>
public sealed class NoticeBoard(EcoPlanDbContext db, TimeProvider time)
{
    /// <summary>How many resolved notices the history shows.</summary>
    public const int HistoryLength = 100;

    public async Task<NoticeInbox> InboxAsync(UserAccess user, NoticeFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var mine = db.Notifications.AsNoTracking().Where(n => n.OrganizationId == user.OrganizationId);
        // A notice with no cause (审核通过, an EI fall) asks for nothing: once read it is history, not open work.
        var open = await mine.Where(n => n.ResolvedAt == null && (n.ReadAt == null || (filter == NoticeFilter.All && n.Cause != null)))
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Select(n => new NoticeItem(n.Id, n.Text, n.Link, n.CreatedAt, n.ReadAt != null, false))
            .ToListAsync(cancellationToken);
        var history = filter == NoticeFilter.All
            ? await mine.Where(n => n.ResolvedAt != null || (n.Cause == null && n.ReadAt != null)).OrderByDescending(n => n.ResolvedAt ?? n.ReadAt).ThenByDescending(n => n.Id).Take(HistoryLength)
                .Select(n => new NoticeItem(n.Id, n.Text, n.Link, n.CreatedAt, n.ReadAt != null, true))
                .ToListAsync(cancellationToken)
            : [];
        return new NoticeInbox(open.Count(n => !n.IsRead), [.. open, .. history]);
    }

    /// <summary>The caller's unread notices: open and not read (the navigation's count).</summary>
    public Task<int> UnreadCountAsync(UserAccess user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        return db.Notifications.CountAsync(n => n.OrganizationId == user.OrganizationId && n.ReadAt == null && n.ResolvedAt == null, cancellationToken);
    }

    /// <summary>Marks one notice read: a user of the organization it was sent to may, unless a viewer (read-only).</summary>
    public async Task<UseCaseResult<Done>> MarkReadAsync(UserAccess user, int noticeId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var recipient = await db.Notifications.Where(n => n.Id == noticeId)
            .Select(n => new { n.OrganizationId, Organization = n.Organization!.Name }).SingleOrDefaultAsync(cancellationToken);
        if (recipient is null)
        {
            return new UseCaseError.NotFound(CoreText.Get("Notice_NotFound", noticeId));
        }

        if (recipient.OrganizationId != user.OrganizationId)
        {
            return new UseCaseError.Forbidden(CoreText.Get("Notice_OtherOrganization", recipient.Organization));
        }

        if (ReadOnly(user) is { } refused)
        {
            return refused;
        }

        var now = time.GetUtcNow().UtcDateTime;
        await db.Notifications.Where(n => n.Id == noticeId && n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
        return new Done();
    }

    /// <summary>Marks every unread notice of the caller's own organization read (全部标为已读), not for a viewer; the value is how many.</summary>
    public async Task<UseCaseResult<int>> MarkAllReadAsync(UserAccess user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (ReadOnly(user) is { } refused)
        {
            return refused;
        }

        var now = time.GetUtcNow().UtcDateTime;
        return await db.Notifications.Where(n => n.OrganizationId == user.OrganizationId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
    }

    /// <summary>Whether the user may mark notices of the own organization read (a page offers the buttons on it).</summary>
    public static bool MayMarkRead(UserAccess user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Role != Roles.Viewer;
    }

    private static UseCaseError.Forbidden? ReadOnly(UserAccess user) =>
        MayMarkRead(user) ? null : new UseCaseError.Forbidden(CoreText.Get("Notice_ViewerReadOnly", user.OrganizationName));

    /// <summary>
    /// Raises the notices not raised before, by recipient and key, and returns those that are new. Each is one
    /// <c>INSERT … ON CONFLICT DO NOTHING</c> (SQLite and PostgreSQL alike), so two runs raising the same fact at once
    /// leave one notice and neither fails, inside a transaction or not.
    /// </summary>
    public async Task<IReadOnlyList<NoticeDraft>> RaiseAsync(IEnumerable<NoticeDraft> drafts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        var now = time.GetUtcNow().UtcDateTime;
        var added = new List<NoticeDraft>();
        foreach (var n in drafts.DistinctBy(d => (d.OrganizationId, d.Key)))
        {
            var inserted = await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "Notifications" ("OrganizationId", "Key", "Text", "Link", "Cause", "CreatedAt")
                VALUES ({n.OrganizationId}, {n.Key}, {n.Text}, {n.Link}, {n.Cause}, {now})
                ON CONFLICT ("OrganizationId", "Key") DO NOTHING
                """, cancellationToken);
            if (inserted > 0)
            {
                added.Add(n);
            }
        }

        return added;
    }

    /// <summary>Resolves every open notice kept open by <paramref name="cause"/>; returns how many.</summary>
    public Task<int> ResolveAsync(string cause, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return db.Notifications.Where(n => n.Cause == cause && n.ResolvedAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ResolvedAt, now), cancellationToken);
    }
}
