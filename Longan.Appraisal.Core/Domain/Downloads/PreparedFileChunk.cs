namespace Longan.Appraisal.Core.Domain.Downloads;

/// <summary>
/// One piece of a <see cref="PreparedFile"/>: a file of tens of megabytes is written and read a
/// piece at a time, so neither a node's memory nor one write transaction holds all of it.
/// </summary>
public sealed class PreparedFileChunk
{
    public required string Token { get; set; }

    /// <summary>0, 1, 2… in file order; every chunk but the last is <see cref="Features.Downloads.PreparedFileService.ChunkSize"/> bytes.</summary>
    public int Index { get; set; }

    public required byte[] Data { get; set; }
}
