using BenchmarkDotNet.Running;
using Longan.Appraisal.Benchmarks.Votes;

// dotnet run -c Release --project bench/Longan.Appraisal.Benchmarks -- --filter '*'
// dotnet run -c Release --project bench/Longan.Appraisal.Benchmarks -- votes --db <file> --url <portal>   (README "Measuring")
// dotnet run -c Release --project bench/Longan.Appraisal.Benchmarks -- pages --url <portal> --pid <portal's process id>   (README, issue 14)
if (args.FirstOrDefault() == Longan.Appraisal.Benchmarks.Pages.ResultsPageTiming.Verb)
{
    return await Longan.Appraisal.Benchmarks.Pages.ResultsPageTiming.RunAsync(args[1..]);
}
if (args.FirstOrDefault() == VoteBenchmark.Verb)
{
    return await VoteBenchmark.RunAsync(args[1..]);
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
