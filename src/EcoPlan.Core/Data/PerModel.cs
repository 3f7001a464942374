using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EcoPlan.Core.Data;

/// <summary>
/// An EF Core compiled query, compiled once for each model it meets. A compiled query is bound to the model it first
/// ran against, and one process can hold two: SQLite's and PostgreSQL's (the tests run both).
/// </summary>
public sealed class PerModel<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConcurrentDictionary<IModel, TQuery> _compiled = new();

    public TQuery For(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return _compiled.GetOrAdd(db.Model, _ => compile());
    }
}
