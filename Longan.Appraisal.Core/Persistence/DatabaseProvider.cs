namespace Longan.Appraisal.Core.Persistence;

/// <summary>Which database engine holds the appraisal (configuration `Appraisal:Database`).</summary>
public enum DatabaseProvider
{
    /// <summary>One embedded file: the default, for one county on one server.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server: a province, several portal nodes.</summary>
    PostgreSQL,
}
