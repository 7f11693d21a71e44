namespace Longan.Appraisal.Core.Features.Common;

public sealed class NotFoundException(string message) : Exception(message);
