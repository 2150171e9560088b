using Siamese.Bench;

return args.FirstOrDefault() switch
{
    "preparation" => await PreparationBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run --project bench/Siamese.Bench -c Release -- preparation [--zip <zip>] [--pairs-per-class N] [--rounds N]");
    return 2;
}
