using System.Collections.Concurrent;

namespace Longan.Appraisal.Web.Hosting;

/// <summary>
/// A file prepared on the server for one user (a batch of cards), fetched by its token until it
/// expires: on disk at <see cref="Path"/>, or — for what must never reach a disk, like the codes of
/// a ballot session's slips — held in memory as <see cref="Content"/>.
/// </summary>
public sealed record PreparedDownload(string UserId, string Path, string FileName, string ContentType, DateTimeOffset Expires)
{
    public byte[]? Content { get; init; }
}

/// <summary>
/// Files made in the background for a user, kept in a temporary folder for an hour: the user who
/// asked may fetch a file as often as needed in that time (a second click, an interrupted download),
/// nobody else at all; a token is unguessable. The registry lives in the server's memory, which is
/// where the user's circuit lives too (Blazor Server needs sticky sessions behind several nodes);
/// files left by a restart are swept once they are older than the lifetime.
/// </summary>
public sealed class PreparedDownloads(TimeProvider clock)
{
    private static readonly TimeSpan s_lifetime = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<string, PreparedDownload> _files = new(StringComparer.Ordinal);

    /// <summary>Slips carry working codes: held in memory for long enough to print, never on disk.</summary>
    private static readonly TimeSpan s_inMemoryLifetime = TimeSpan.FromMinutes(10);

    public static string Folder { get; } = Path.Combine(Path.GetTempPath(), "longan-downloads");

    /// <summary>A new file path in the downloads folder (readable by the portal's account only), to write the file to before registering it.</summary>
    public static string NewPath(string extension)
    {
        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(Folder);
        }
        else
        {
            Directory.CreateDirectory(Folder, ownerOnly);
            File.SetUnixFileMode(Folder, ownerOnly); // made earlier by a version that left it open to all
        }
        return Path.Combine(Folder, $"{Guid.NewGuid():N}{extension}");
    }

    /// <summary>Registers a file kept only in memory, for ten minutes (the slips of a ballot session).</summary>
    public string RegisterInMemory(string userId, byte[] content, string fileName, string contentType)
    {
        RemoveExpired();
        var token = Guid.NewGuid().ToString("N");
        _files[token] = new PreparedDownload(userId, "", fileName, contentType, clock.GetUtcNow() + s_inMemoryLifetime) { Content = content };
        return token;
    }

    public string Register(string userId, string path, string fileName, string contentType)
    {
        RemoveExpired();
        var token = Guid.NewGuid().ToString("N");
        _files[token] = new PreparedDownload(userId, path, fileName, contentType, clock.GetUtcNow() + s_lifetime);
        return token;
    }

    /// <summary>The file for this token if it belongs to this user and has not expired.</summary>
    public PreparedDownload? Find(string token, string userId)
    {
        RemoveExpired();
        return _files.TryGetValue(token, out var file) && file.UserId == userId && file.Expires >= clock.GetUtcNow() && (file.Content is not null || File.Exists(file.Path)) ? file : null;
    }

    private void RemoveExpired()
    {
        var now = clock.GetUtcNow();
        foreach (var (token, file) in _files.Where(f => f.Value.Expires < now).ToList())
        {
            if (_files.TryRemove(token, out _) && file.Content is null)
            {
                TryDelete(file.Path);
            }
        }
        if (Directory.Exists(Folder))
        {
            var known = _files.Values.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
            foreach (var path in Directory.EnumerateFiles(Folder).Where(p => !known.Contains(p) && File.GetLastWriteTimeUtc(p) < (now - s_lifetime).UtcDateTime))
            {
                TryDelete(path);
            }
        }
    }

    /// <summary>A file being read by a download is deleted by the next sweep instead.</summary>
    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
    }
}
