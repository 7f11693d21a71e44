using BenchmarkDotNet.Running;
using Longan.Appraisal.Benchmarks.Votes;

// dotnet run -c Release --project bench/Longan.Appraisal.Benchmarks -- --filter '*'
// dotnet run -c Release --project bench/Longan.Appraisal.Benchmarks -- votes --db <file> --url <portal>   (README "Measuring")
if (args.FirstOrDefault() == VoteBenchmark.Verb)
{
    return await VoteBenchmark.RunAsync(args[1..]);
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
