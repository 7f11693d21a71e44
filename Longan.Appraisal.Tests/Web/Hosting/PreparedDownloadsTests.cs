using Longan.Appraisal.Tests.Infrastructure;
using Longan.Appraisal.Web.Hosting;

namespace Longan.Appraisal.Tests.Web.Hosting;

/// <summary>Prepared downloads: card batches on disk for their owner only, slips (working codes) in memory only and briefly.</summary>
public sealed class PreparedDownloadsTests
{
    [Fact]
    public void InMemory_ForItsUserOnly_TenMinutes_NeverOnDisk()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));
        var downloads = new PreparedDownloads(clock);
        var before = Directory.Exists(PreparedDownloads.Folder) ? Directory.GetFiles(PreparedDownloads.Folder).Length : 0;

        var token = downloads.RegisterInMemory("u1", [1, 2, 3], "测评码纸条-1.pdf", "application/pdf");

        Assert.Equal([1, 2, 3], downloads.Find(token, "u1")!.Content);
        Assert.Null(downloads.Find(token, "u2"));
        Assert.Equal(before, Directory.Exists(PreparedDownloads.Folder) ? Directory.GetFiles(PreparedDownloads.Folder).Length : 0);
        clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Null(downloads.Find(token, "u1"));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Folder_ReadableByThePortalsAccountOnly()
    {
        var path = PreparedDownloads.NewPath(".pdf");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
    }
}
