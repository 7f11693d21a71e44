using System.Collections.Concurrent;

namespace Longan.Appraisal.Core.Persistence;

/// <summary>
/// A compiled query (EF.CompileAsyncQuery) for whichever provider the context is on. EF binds a
/// compiled query to the model of the first context that runs it and refuses another model, and
/// SQLite's and PostgreSQL's contexts have a model each; a process that meets both (the tests, a
/// copy between providers) needs one compiled query per context type.
/// </summary>
internal sealed class CompiledQuery<TQuery>(Func<TQuery> compile) where TQuery : Delegate
{
    private readonly ConcurrentDictionary<Type, TQuery> _byContext = new();

    public TQuery For(AppraisalDbContext db) => _byContext.GetOrAdd(db.GetType(), _ => compile());
}
