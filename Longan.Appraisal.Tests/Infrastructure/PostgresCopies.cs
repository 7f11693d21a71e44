using System.Collections.Concurrent;

namespace Longan.Appraisal.Tests.Infrastructure;

/// <summary>
/// Copies of a template database made ahead, and dropped behind, off the tests' own path: a
/// service test on PostgreSQL would otherwise spend more time waiting for CREATE DATABASE and
/// DROP DATABASE than running. A few copies of each template are kept ready; a drop is waited for
/// only at the end of the run.
/// </summary>
internal static class PostgresCopies
{
    private const int KeptReady = 3;
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<Task<string>>> s_ready = new();
    private static readonly ConcurrentBag<Task> s_drops = [];

    static PostgresCopies() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        Task.WaitAll([.. s_drops]);
        foreach (var copies in s_ready.Values)
        {
            foreach (var copy in copies)
            {
                DropAsync(copy.GetAwaiter().GetResult()).GetAwaiter().GetResult();
            }
        }
    };

    /// <summary>A fresh copy of <paramref name="template"/>, and another started in its place.</summary>
    public static async Task<string> TakeAsync(string template)
    {
        var ready = s_ready.GetOrAdd(template, _ => new ConcurrentQueue<Task<string>>());
        while (ready.Count < KeptReady)
        {
            ready.Enqueue(Task.Run(() => CopyAsync(template)));
        }
        if (!ready.TryDequeue(out var next))
        {
            next = CopyAsync(template);
        }
        ready.Enqueue(Task.Run(() => CopyAsync(template)));
        return await next;
    }

    /// <summary>Drops a copy in the background, closing what the test left open.</summary>
    public static void Drop(string name) => s_drops.Add(Task.Run(() => DropAsync(name)));

    private static Task DropAsync(string name) => TestDatabase.PostgresAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");

    private static async Task<string> CopyAsync(string template)
    {
        var name = $"longan_test_{Guid.NewGuid():N}";
        await TestDatabase.PostgresAsync($"CREATE DATABASE {name} TEMPLATE {template}");
        return name;
    }
}
