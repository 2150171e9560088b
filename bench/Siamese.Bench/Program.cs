using Siamese.Bench;
using Siamese.Model.Torch;

// As the product's hosts do, first thing (threads take their malloc arena at their first allocation).
if (!args.Contains("--default-allocator")) NativeAllocator.ReuseFreedMemory();

return args.FirstOrDefault() switch
{
    "preparation" => await PreparationBenchmark.RunAsync(args[1..]),
    "serving" => await ServingBenchmark.RunAsync(args[1..]),
    "cold-start" => await ColdStartBenchmark.RunAsync(args[1..]),
    "network" => await NetworkBenchmark.RunAsync(args[1..]),
    "memory" => await MemoryBenchmark.RunAsync(args[1..]),
    "serving-memory" => await ServingMemoryBenchmark.RunAsync(args[1..]),
    ServingMemoryRun.Command => await ServingMemoryRun.RunAsync(args[1..]),
    "backward-repeatability" => await BackwardRepeatabilityBenchmark.RunAsync(args[1..]),
    BackwardRepeatabilityBenchmark.RunCommand => BackwardRepeatabilityBenchmark.Run(args[1..]),
    "quality-levers" => await QualityLeversBenchmark.RunAsync(args[1..]),
    IdentityVerifyBenchmark.Command => await IdentityVerifyBenchmark.RunAsync(args[1..]),
    "galleries" => await GalleriesBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run --project bench/Siamese.Bench -c Release -- preparation [--zip <zip>] " +
                            "[--pairs-per-class N] [--rounds N]");
    Console.Error.WriteLine("       dotnet run --project bench/Siamese.Bench -c Release -- serving [--requests N] [--clients N]");
    Console.Error.WriteLine("       dotnet run --project bench/Siamese.Bench -c Release -- cold-start [--runs N]");
    Console.Error.WriteLine("       dotnet run --project bench/Siamese.Bench -c Release -- network [--rounds N] " +
                            "[--batch-sizes 1,32,128] [--threads N] [--width W] [--min-seconds S] [--python <path>]");
    Console.Error.WriteLine("       dotnet run --project bench/Siamese.Bench -c Release -- memory [--steps N] [--every N] " +
                            "[--width W] [--batch-size N] [--no-reference]");
    Console.Error.WriteLine("       dotnet run --project bench/Siamese.Bench -c Release -- serving-memory [--megapixels 4,16,40] " +
                            "[--concurrency 1,2,4,8] [--reference-megapixels 1] [--format jpeg|png] [--colors grayscale,rgb] [--bursts N]");
    Console.Error.WriteLine("       dotnet run --project bench/Siamese.Bench -c Release -- backward-repeatability [--repeats N] " +
                            "[--batch-size N] [--width W]");
    Console.Error.WriteLine("       dotnet run --project bench/Siamese.Bench -c Release -- quality-levers --checkpoint <folder> " +
                            "[--checkpoint <folder> ...] [--runs data/omniglot/all_runs.zip]");
    Console.Error.WriteLine("       dotnet run --project bench/Siamese.Bench -c Release -- identity-verify --checkpoint <folder> " +
                            "[--checkpoint <folder> ...] --data <zip of writer/genuine, writer/forged> [--enrol 5] [--resamples 2000]");
    Console.Error.WriteLine("       dotnet run --project bench/Siamese.Bench -c Release -- galleries [--sizes 1000,100000,1000000] " +
                            "[--enrolments N] [--queries N] [--catch-ups N] [--read-back N] [--no-block-limit]");
    return 2;
}
