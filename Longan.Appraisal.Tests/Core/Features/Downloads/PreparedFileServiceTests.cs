using System.Text;
using Longan.Appraisal.Core.Features.Downloads;
using Longan.Appraisal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Longan.Appraisal.Tests.Core.Features.Downloads;

/// <summary>
/// Prepared downloads live in the database, so the node a download reaches need not be the node that
/// made the file: card batches in pieces for an hour, slips (working ballot codes) encrypted for ten minutes.
/// </summary>
public sealed class PreparedFileServiceTests : IAsyncLifetime
{
    private TestDatabase _db = default!;

    private PreparedFileService NodeA => _db.Get<PreparedFileService>();
    private FixedClock Clock => (FixedClock)_db.Get<TimeProvider>();

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Store_ALargeFile_IsServedWholeAndByRangeOnAnotherNode_ToItsOwnerOnly_ForAnHour()
    {
        var content = new byte[(PreparedFileService.ChunkSize * 5 / 2) + 17];
        new Random(13).NextBytes(content);
        await using var nodeB = _db.AnotherNode(Clock);
        var other = nodeB.GetRequiredService<PreparedFileService>();

        var token = await NodeA.StoreAsync("u1", new MemoryStream(content), "考核结果报告卡_2026_那桐镇.pdf", "application/pdf");

        Assert.Null(await other.FindAsync(token, "u2"));
        var file = (await other.FindAsync(token, "u1"))!;
        Assert.Equal(new PreparedFileInfo(token, "考核结果报告卡_2026_那桐镇.pdf", "application/pdf", content.Length, Sealed: false), file);
        await using (var stream = other.OpenRead(file))
        {
            using var whole = new MemoryStream();
            await stream.CopyToAsync(whole);
            Assert.Equal(content, whole.ToArray());
            // A resumed download asks for a range: one across a piece's end, one up to the file's end.
            stream.Position = PreparedFileService.ChunkSize - 5;
            var range = new byte[20];
            Assert.Equal(20, await stream.ReadAtLeastAsync(range, range.Length, throwOnEndOfStream: false));
            Assert.Equal(content.AsSpan(PreparedFileService.ChunkSize - 5, 20).ToArray(), range);
            stream.Seek(-12, SeekOrigin.End);
            Assert.Equal(12, await stream.ReadAtLeastAsync(range, range.Length, throwOnEndOfStream: false));
            Assert.Equal(content[^12..], range[..12]);
        }
        await using (var db = await _db.OpenAsync())
        {
            Assert.Equal(3, await db.PreparedFileChunks.CountAsync(c => c.Token == token));
        }

        Clock.Advance(TimeSpan.FromMinutes(61));
        Assert.Null(await other.FindAsync(token, "u1"));
        await using (var db = await _db.OpenAsync())
        {
            Assert.Equal(0, await db.PreparedFiles.CountAsync());
            Assert.Equal(0, await db.PreparedFileChunks.CountAsync());
        }
    }

    [Fact]
    public async Task StoreSealed_SlipsWithWorkingCodes_AreNeverStoredInClear_OpenOnAnotherNode_ForTenMinutes()
    {
        const string code = "LA0021-K7Q2-M9XD";
        var slips = Encoding.UTF8.GetBytes($"%PDF-1.7 slip {code} http://portal/v/{code} ".PadRight(5000, 'x'));
        await using var nodeB = _db.AnotherNode(Clock);
        var other = nodeB.GetRequiredService<PreparedFileService>();

        var token = await NodeA.StoreSealedAsync("u1", slips, "测评码纸条-1.pdf", "application/pdf");

        await using (var db = await _db.OpenAsync())
        {
            var stored = await db.PreparedFileChunks.Where(c => c.Token == token).Select(c => c.Data).ToListAsync();
            Assert.NotEmpty(stored);
            Assert.All(stored, data =>
            {
                Assert.Equal(-1, data.AsSpan().IndexOf(Encoding.UTF8.GetBytes(code)));
                Assert.Equal(-1, data.AsSpan().IndexOf(Encoding.UTF8.GetBytes("K7Q2")));
            });
        }
        Assert.Null(await other.FindAsync(token, "u2"));
        var file = (await other.FindAsync(token, "u1"))!;
        Assert.True(file.Sealed);
        Assert.Equal(slips, await other.ReadSealedAsync(file));
        Assert.Throws<InvalidOperationException>(() => other.OpenRead(file));

        Clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Null(await NodeA.FindAsync(token, "u1"));
        await using (var db = await _db.OpenAsync())
        {
            Assert.Equal(0, await db.PreparedFileChunks.CountAsync());
        }
    }

    [Fact]
    public async Task Store_AnEmptyFile_IsServedEmpty()
    {
        var token = await NodeA.StoreAsync("u1", new MemoryStream(), "空.pdf", "application/pdf");

        var file = (await NodeA.FindAsync(token, "u1"))!;
        await using var stream = NodeA.OpenRead(file);
        Assert.Equal(0, file.Length);
        Assert.Equal(-1, stream.ReadByte());
    }
}
