using System.Collections.Concurrent;

namespace Longan.Appraisal.Web.Hosting;

/// <summary>A file prepared on the server for one user (a batch of cards), fetched once by its token.</summary>
public sealed record PreparedDownload(string UserId, string Path, string FileName, string ContentType, DateTimeOffset Expires);

/// <summary>
/// Files made in the background for a user, kept in a temporary folder until that user fetches them
/// once (or for an hour). Only the user who asked may fetch a file; a token is unguessable.
/// </summary>
public sealed class PreparedDownloads(TimeProvider clock)
{
    private static readonly TimeSpan s_lifetime = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<string, PreparedDownload> _files = new(StringComparer.Ordinal);

    public static string Folder { get; } = Path.Combine(Path.GetTempPath(), "longan-downloads");

    /// <summary>A new file path in the downloads folder, to write the file to before registering it.</summary>
    public static string NewPath(string extension)
    {
        Directory.CreateDirectory(Folder);
        return Path.Combine(Folder, $"{Guid.NewGuid():N}{extension}");
    }

    public string Register(string userId, string path, string fileName, string contentType)
    {
        RemoveExpired();
        var token = Guid.NewGuid().ToString("N");
        _files[token] = new PreparedDownload(userId, path, fileName, contentType, clock.GetUtcNow() + s_lifetime);
        return token;
    }

    /// <summary>The file for this token if it belongs to this user and has not expired; it is then forgotten.</summary>
    public PreparedDownload? Take(string token, string userId)
    {
        if (!_files.TryGetValue(token, out var file) || file.UserId != userId || file.Expires < clock.GetUtcNow())
        {
            return null;
        }
        return _files.TryRemove(token, out var taken) ? taken : null;
    }

    private void RemoveExpired()
    {
        var now = clock.GetUtcNow();
        foreach (var (token, file) in _files.Where(f => f.Value.Expires < now).ToList())
        {
            if (_files.TryRemove(token, out _))
            {
                File.Delete(file.Path);
            }
        }
    }
}
