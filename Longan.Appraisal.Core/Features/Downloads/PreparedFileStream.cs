using Longan.Appraisal.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Features.Downloads;

/// <summary>
/// A stored file read back as a seekable stream, one chunk (one short query) at a time: a file of
/// tens of megabytes goes out without ever being whole in a node's memory, and a resumed download's
/// range starts at the chunk it needs.
/// </summary>
internal sealed class PreparedFileStream(IDbContextFactory<AppraisalDbContext> dbFactory, string token, long length) : Stream
{
    private byte[] _chunk = [];
    private int _chunkIndex = -1;
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => _position = value is >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => length + offset,
    };

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position >= length || buffer.Length == 0)
        {
            return 0;
        }
        var index = (int)(_position / PreparedFileService.ChunkSize);
        if (index != _chunkIndex)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            _chunk = await db.PreparedFileChunks.AsNoTracking().Where(c => c.Token == token && c.Index == index).Select(c => c.Data).SingleOrDefaultAsync(cancellationToken)
                ?? throw new IOException("The prepared file has expired while it was being read.");
            _chunkIndex = index;
        }
        var from = (int)(_position - (long)index * PreparedFileService.ChunkSize);
        var count = Math.Min(buffer.Length, _chunk.Length - from);
        if (count <= 0)
        {
            return 0;
        }
        _chunk.AsMemory(from, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
