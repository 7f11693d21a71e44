using System.Security.Cryptography;
using Longan.Appraisal.Core.Domain.Downloads;
using Longan.Appraisal.Core.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Features.Downloads;

/// <summary>
/// Files made for one user and fetched by an unguessable token, kept in the database so that any
/// portal node can serve the download (behind a proxy the download need not reach the node that made
/// the file). Only the user who asked may fetch a file, as often as needed until it expires (a second
/// click, an interrupted download resumed by range). Whoever stores or looks up a file first deletes
/// every expired one, so nothing needs a timer on one node.
/// </summary>
public sealed class PreparedFileService(IDbContextFactory<AppraisalDbContext> dbFactory, IDataProtectionProvider protection, TimeProvider clock)
{
    /// <summary>Each row holds this much: a short write per piece on the way in, one piece in memory on the way out.</summary>
    public const int ChunkSize = 1024 * 1024;

    /// <summary>A batch of cards stays for an hour.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    /// <summary>Slips carry working ballot codes: ten minutes, long enough to print them.</summary>
    public static readonly TimeSpan SealedLifetime = TimeSpan.FromMinutes(10);

    private readonly IDataProtector _sealer = protection.CreateProtector("Longan.Appraisal.PreparedFiles.Sealed");

    /// <summary>Stores a file read from <paramref name="content"/> a piece at a time, for <see cref="Lifetime"/>; returns its token.</summary>
    public async Task<string> StoreAsync(string userId, Stream content, string fileName, string contentType, CancellationToken ct = default)
    {
        var token = await BeginAsync(userId, fileName, contentType, isSealed: false, Lifetime, ct);
        var buffer = new byte[ChunkSize];
        long length = 0;
        for (var index = 0; ; index++)
        {
            var read = await content.ReadAtLeastAsync(buffer, ChunkSize, throwOnEndOfStream: false, ct);
            if (read == 0 && index > 0)
            {
                break;
            }
            await AddChunkAsync(token, index, buffer.AsSpan(0, read).ToArray(), ct);
            length += read;
            if (read < ChunkSize)
            {
                break;
            }
        }
        await FinishAsync(token, length, ct);
        return token;
    }

    /// <summary>
    /// Stores a file that must never lie in the database in clear (a ballot session's slips): encrypted
    /// with the portal's Data Protection keys, for <see cref="SealedLifetime"/> only.
    /// </summary>
    public async Task<string> StoreSealedAsync(string userId, byte[] content, string fileName, string contentType, CancellationToken ct = default)
    {
        var ciphertext = _sealer.Protect(content);
        var token = await BeginAsync(userId, fileName, contentType, isSealed: true, SealedLifetime, ct);
        for (var (index, offset) = (0, 0); offset < ciphertext.Length || index == 0; index++, offset += ChunkSize)
        {
            await AddChunkAsync(token, index, ciphertext.AsSpan(offset, Math.Min(ChunkSize, ciphertext.Length - offset)).ToArray(), ct);
        }
        await FinishAsync(token, ciphertext.Length, ct);
        return token;
    }

    /// <summary>The file for this token if it is complete, belongs to this user and has not expired.</summary>
    public async Task<PreparedFileInfo?> FindAsync(string token, string userId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await SweepAsync(db, now, ct);
        return await db.PreparedFiles.AsNoTracking()
            .Where(f => f.Token == token && f.UserId == userId && f.Complete && f.Expires >= now)
            .Select(f => new PreparedFileInfo(f.Token, f.FileName, f.ContentType, f.Length, f.Sealed))
            .SingleOrDefaultAsync(ct);
    }

    /// <summary>A plain file's bytes as a seekable stream that reads one chunk at a time (ranges work).</summary>
    public Stream OpenRead(PreparedFileInfo file) =>
        file.Sealed ? throw new InvalidOperationException("A sealed file is read whole with ReadSealedAsync.") : new PreparedFileStream(dbFactory, file.Token, file.Length);

    /// <summary>A sealed file's content, decrypted.</summary>
    public async Task<byte[]> ReadSealedAsync(PreparedFileInfo file, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var chunks = await db.PreparedFileChunks.AsNoTracking().Where(c => c.Token == file.Token).OrderBy(c => c.Index).Select(c => c.Data).ToListAsync(ct);
        return _sealer.Unprotect(chunks.SelectMany(c => c).ToArray());
    }

    private async Task<string> BeginAsync(string userId, string fileName, string contentType, bool isSealed, TimeSpan lifetime, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await SweepAsync(db, now, ct);
        db.PreparedFiles.Add(new PreparedFile
        {
            Token = token, UserId = userId, FileName = fileName, ContentType = contentType, Sealed = isSealed, Expires = now + lifetime,
        });
        await db.SaveChangesAsync(ct);
        return token;
    }

    /// <summary>One piece per write, so a large file never holds the writers' turn (SingleWriter, SQLite's lock) for long.</summary>
    private async Task AddChunkAsync(string token, int index, byte[] data, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.PreparedFileChunks.Add(new PreparedFileChunk { Token = token, Index = index, Data = data });
        await db.SaveChangesAsync(ct);
    }

    private async Task FinishAsync(string token, long length, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.PreparedFiles.Where(f => f.Token == token).ExecuteUpdateAsync(f => f.SetProperty(x => x.Length, length).SetProperty(x => x.Complete, true), ct);
    }

    /// <summary>Expired files go with their chunks (the foreign key cascades), whichever node notices first.</summary>
    private static async Task SweepAsync(AppraisalDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.PreparedFiles.AnyAsync(f => f.Expires < now, ct))
        {
            await db.PreparedFiles.Where(f => f.Expires < now).ExecuteDeleteAsync(ct);
        }
    }
}
