using BenchmarkDotNet.Attributes;
using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Scoring;

namespace Longan.Appraisal.Benchmarks;

/// <summary>The pure engine alone: a cycle's rules and every assistant's inputs in memory, results out.</summary>
[MemoryDiagnoser]
public class ScoringEngineBenchmarks
{
    private ScoringInput _input = default!;

    [Params(1_000, 15_000)]
    public int Assistants { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // The same shape of inputs as seed-synthetic: deterministic for a given size.
        var random = new Random(Assistants);
        var inputs = new List<AssistantInputs>(Assistants);
        for (var i = 0; i < Assistants; i++)
        {
            var quality = random.NextDouble();
            var voters = random.Next(16, 100);
            var satisfied = Math.Min(voters, (int)(voters * (0.4 + 0.55 * quality)));
            var dissatisfied = random.Next(0, Math.Max(1, (int)((voters - satisfied) * (1 - quality))));
            var party = Enumerable.Range(0, random.Next(1, 4)).Select(_ => Math.Round((decimal)(60 + 40 * quality * random.NextDouble()), 1)).ToArray();
            var cadres = Enumerable.Range(0, random.Next(8, 16)).Select(_ => (CadreGrade)random.Next(1, 5)).ToArray();
            var records = Enumerable.Range(0, random.Next(0, 4))
                .Select(_ => random.NextDouble() > quality ? new VerifiedRecord(RecordNature.Issue, (IssueSeverity)random.Next(1, 4)) : new VerifiedRecord(RecordNature.Commendation, null))
                .ToArray();
            var months = Enumerable.Range(1, 12).Select(m => new MonthDays(m, random.Next(17, 27))).ToArray();
            inputs.Add(new AssistantInputs(i + 1, i % 10 + 1, satisfied, voters - satisfied - dissatisfied, dissatisfied, random.Next(0, 3), party, cadres, records, months));
        }
        _input = new ScoringInput(new CycleRules(), inputs);
    }

    [Benchmark]
    public int Score() => ScoringEngine.Score(_input).Count;
}
