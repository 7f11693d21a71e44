namespace Longan.Appraisal.Core.Features.Evaluations;

/// <summary>The counts of one villagers' meeting or round (spec §3, V).</summary>
public sealed class TallyInput
{
    public int Satisfied { get; set; }
    public int BasicallySatisfied { get; set; }
    public int Dissatisfied { get; set; }
    public int Invalid { get; set; }
    public string? Round { get; set; }
    public string? Comment { get; set; }
}
