namespace Longan.Appraisal.Core.Features.Common;

public sealed record PagedResult<T>(IReadOnlyList<T> Items, int TotalCount);
