namespace Longan.Appraisal.Web.Hosting;

/// <summary>
/// A node-local temporary file to make a large file in before it is stored for download (the PDF
/// writer wants a stream it may hold for minutes; the database takes it a piece at a time
/// afterwards). Readable by the portal's account only, and gone when closed, even after a crash of
/// the page (the operating system drops it with the last handle).
/// </summary>
public static class ScratchFile
{
    public static FileStream Create()
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            BufferSize = 64 * 1024,
            Options = FileOptions.Asynchronous | FileOptions.DeleteOnClose,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        return new FileStream(Path.Combine(Path.GetTempPath(), $"longan-{Guid.NewGuid():N}.tmp"), options);
    }
}
