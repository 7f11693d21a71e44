namespace Longan.Appraisal.Core.Features.Downloads;

/// <summary>A prepared file found for its owner: what the download answers with.</summary>
/// <param name="Length">Bytes as stored (a sealed file's ciphertext).</param>
public sealed record PreparedFileInfo(string Token, string FileName, string ContentType, long Length, bool Sealed);
