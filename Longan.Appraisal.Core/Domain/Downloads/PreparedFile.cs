namespace Longan.Appraisal.Core.Domain.Downloads;

/// <summary>
/// A file made for one user (a batch of report cards, a ballot session's slips), kept in the
/// database for a short while so that whichever portal node the download reaches can serve it.
/// Its bytes are in <see cref="PreparedFileChunk"/>s; it may be fetched only once <see cref="Complete"/>.
/// </summary>
public sealed class PreparedFile
{
    /// <summary>Unguessable (128 random bits, hex): the download's address.</summary>
    public required string Token { get; set; }

    /// <summary>The only user who may fetch it.</summary>
    public required string UserId { get; set; }

    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    /// <summary>The bytes as stored (for a sealed file, the ciphertext's length).</summary>
    public long Length { get; set; }

    /// <summary>Encrypted with the portal's Data Protection keys (slips carry working ballot codes).</summary>
    public bool Sealed { get; set; }

    /// <summary>All chunks written; until then nobody can fetch it and it is swept at <see cref="Expires"/>.</summary>
    public bool Complete { get; set; }

    public DateTimeOffset Expires { get; set; }
}
