using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Persistence;

/// <summary>
/// Writes of a hot path (phone votes on a voting day, spec §11), committed together. SQLite lets one
/// writer in at a time and each commit waits for the disk (1.6 ms on our server); Microsoft.Data.Sqlite
/// answers a writer that finds the database busy by blocking its thread 150 ms before trying again.
/// So this node's writes queue here instead, and one writer takes every write waiting at that
/// moment into one transaction, each within its own savepoint (one that fails is undone alone), and
/// commits once. A write's result is handed back only after the commit, so nothing is reported
/// done that could still be lost. Only a matter of speed: each write still checks what it relies on
/// inside the transaction, and other processes (the admin verbs) meet these writes in the database.
/// </summary>
public sealed class WriteQueue : IAsyncDisposable, IDisposable
{
    /// <summary>Writes in one transaction at most, so a burst does not make one long commit.</summary>
    private const int MostInOneCommit = 64;

    private readonly PooledContexts _contexts;
    private readonly Channel<IPendingWrite> _waiting = Channel.CreateUnbounded<IPendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public WriteQueue(PooledContexts contexts)
    {
        _contexts = contexts;
        _writer = Task.Run(WriteWaitingAsync);
    }

    /// <summary>Runs <paramref name="write"/> inside a transaction with the others waiting; its result once committed.</summary>
    public Task<T> WriteAsync<T>(Func<AppraisalDbContext, CancellationToken, Task<T>> write, CancellationToken ct = default)
    {
        var pending = new PendingWrite<T>(write, ct);
        return _waiting.Writer.TryWrite(pending) ? pending.Task : throw new ObjectDisposedException(nameof(WriteQueue));
    }

    /// <summary>Takes no more writes; those already queued still finish.</summary>
    public void Dispose() => _waiting.Writer.TryComplete();

    /// <summary>Takes no more writes and waits for those already queued.</summary>
    public async ValueTask DisposeAsync()
    {
        _waiting.Writer.TryComplete();
        await _writer;
    }

    private async Task WriteWaitingAsync()
    {
        var batch = new List<IPendingWrite>(MostInOneCommit);
        while (await _waiting.Reader.WaitToReadAsync())
        {
            while (batch.Count < MostInOneCommit && _waiting.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }
            await CommitAsync(batch);
            batch.Clear();
        }
    }

    private async Task CommitAsync(List<IPendingWrite> batch)
    {
        try
        {
            await using var db = await _contexts.CreateDbContextAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            for (var i = 0; i < batch.Count; i++)
            {
                var savepoint = $"w{i}";
                await transaction.CreateSavepointAsync(savepoint);
                if (await batch[i].RunAsync(db))
                {
                    await transaction.ReleaseSavepointAsync(savepoint);
                }
                else
                {
                    await transaction.RollbackToSavepointAsync(savepoint);
                }
            }
            await transaction.CommitAsync();
        }
        catch (Exception ex)
        {
            foreach (var pending in batch)
            {
                pending.Fail(ex);
            }
            return;
        }
        foreach (var pending in batch)
        {
            pending.Publish();
        }
    }

    private interface IPendingWrite
    {
        /// <summary>Runs the write; false when it failed (or was cancelled) and its changes are to be undone.</summary>
        Task<bool> RunAsync(AppraisalDbContext db);

        /// <summary>Hands back the result, or the write's own failure: the transaction is committed.</summary>
        void Publish();

        /// <summary>The transaction failed: nothing of the write stayed.</summary>
        void Fail(Exception exception);
    }

    private sealed class PendingWrite<T>(Func<AppraisalDbContext, CancellationToken, Task<T>> write, CancellationToken ct) : IPendingWrite
    {
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private Exception? _failure;

        public Task<T> Task => _done.Task;

        public async Task<bool> RunAsync(AppraisalDbContext db)
        {
            try
            {
                ct.ThrowIfCancellationRequested();
                _result = await write(db, ct);
                return true;
            }
            catch (Exception ex)
            {
                _failure = ex;
                return false;
            }
        }

        public void Publish()
        {
            if (_failure is OperationCanceledException)
            {
                _done.TrySetCanceled(ct);
            }
            else if (_failure is not null)
            {
                _done.TrySetException(_failure);
            }
            else
            {
                _done.TrySetResult(_result!);
            }
        }

        public void Fail(Exception exception) => _done.TrySetException(_failure ?? exception);
    }
}
