using Longan.Appraisal.Tests.Infrastructure;

namespace Longan.Appraisal.Tests.Web.Components;

/// <summary>Component tests on a small synthetic county whose cycle can be computed and published (instead of the demo county).</summary>
public abstract class PublishableCountyTestBase : BunitTestBase
{
    protected PublishableCounty County { get; } = new();

    protected override async Task<TestDatabase> CreateDatabaseAsync()
    {
        var database = await TestDatabase.CreateAsync();
        await County.AttachAsync(database);
        return database;
    }
}
