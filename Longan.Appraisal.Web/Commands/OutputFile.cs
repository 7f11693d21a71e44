namespace Longan.Appraisal.Web.Commands;

/// <summary>Whether a verb's --out file can be written where asked, checked before any work is done.</summary>
internal static class OutputFile
{
    /// <summary>Why the file cannot be written where asked, in words, or null.</summary>
    public static string? Problem(string path)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        if (Directory.Exists(full))
        {
            return $"--out 应是文件名，“{full}”是一个文件夹。";
        }
        if (!Directory.Exists(folder))
        {
            return $"无法写入“{full}”：文件夹“{folder}”不存在。";
        }
        try
        {
            var probe = Path.Combine(folder, $".longan-write-check-{Environment.ProcessId}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return null;
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            return $"无法写入“{full}”：没有在文件夹“{folder}”中写文件的权限。";
        }
    }

    /// <summary>
    /// Streams a file to <paramref name="path"/> through a temporary file beside it: a failed or
    /// refused run never leaves half a file under the requested name, nor replaces an earlier one.
    /// </summary>
    public static async Task<T> WriteAsync<T>(string path, Func<Stream, Task<T>> write)
    {
        var temporary = path + ".part";
        try
        {
            T result;
            await using (var file = File.Create(temporary))
            {
                result = await write(file);
            }
            File.Move(temporary, path, overwrite: true);
            return result;
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
