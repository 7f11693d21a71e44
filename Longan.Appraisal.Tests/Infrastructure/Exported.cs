namespace Longan.Appraisal.Tests.Infrastructure;

/// <summary>A streamed export's file, caught in memory for a test to read back.</summary>
public static class Exported
{
    public static async Task<byte[]> BytesAsync(Func<Stream, Task> write)
    {
        using var file = new MemoryStream();
        await write(file);
        return file.ToArray();
    }
}
