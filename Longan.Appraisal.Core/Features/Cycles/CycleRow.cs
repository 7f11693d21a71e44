using Longan.Appraisal.Core.Domain;

namespace Longan.Appraisal.Core.Features.Cycles;

public sealed record CycleRow(int Id, int Year, CycleState State, DateTimeOffset CreatedAt);
