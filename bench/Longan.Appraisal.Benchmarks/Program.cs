using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Longan.Appraisal.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
