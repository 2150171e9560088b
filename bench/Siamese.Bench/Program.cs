using Siamese.Bench;

return args.FirstOrDefault() switch
{
    "preparation" => await PreparationBenchmark.RunAsync(args[1..]),
    "serving" => await ServingBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run --project bench/Siamese.Bench -c Release -- preparation [--zip <zip>] [--pairs-per-class N] [--rounds N]");
    Console.Error.WriteLine("       dotnet run --project bench/Siamese.Bench -c Release -- serving [--requests N] [--clients N]");
    return 2;
}
