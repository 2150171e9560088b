using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Siamese.Development;
using Siamese.DevStorage;
using Siamese.Storage;

namespace Siamese.Bench;

/// <summary>
/// The compare function's cold start: a new process of the local functions host (the function classes the Azure app
/// binds) from its start to its first answered compare, in parts: the process until it accepts connections (.NET, the
/// host, the functions), the host's warm-up as it logs it (LibTorch's native libraries, the served model, the first
/// forward pass), and the first request. Side by side in one run, in turns: lazy loading at the first request
/// (Serving:WarmUp=Off), the warm-up at start (the default) with the first request sent as soon as the host
/// accepts connections (a request that starts an instance), and the warm-up with the request sent once it is done (an
/// instance started ahead of its traffic). The served model is the default model.
/// </summary>
internal static partial class ColdStartBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        int runs = args.Int("--runs", 5);
        await using Azurite azurite = await Azurite.StartNewAsync();
        var characters = SampleImages.SomeCharacters(4);
        var results = Enum.GetValues<Start>().ToDictionary(start => start, _ => new List<ColdStart>());
        for (int run = 1; run <= runs; run++)
        {
            var order = run % 2 == 1 ? Enum.GetValues<Start>() : Enum.GetValues<Start>().Reverse();
            foreach (Start start in order)
            {
                ColdStart result = await MeasureAsync(azurite.ConnectionString, start, characters);
                results[start].Add(result);
                Console.WriteLine($"run {run} {start}: {result}");
            }
        }

        Console.WriteLine();
        Console.WriteLine($"Cold start of the compare function (local functions host, default model), medians over {runs} runs " +
                          "(lowest-highest in brackets), ms from the process's start:");
        Console.WriteLine();
        Console.WriteLine("| part | lazy (Serving:WarmUp=Off) | warm-up, request at once (default) | " +
                          "warm-up, request after it |");
        Console.WriteLine("|---|---:|---:|---:|");
        Row("process accepts connections (.NET, host, functions)", results, r => r.ListeningMs);
        Row("warm-up: LibTorch's native libraries loaded", results, r => r.LibTorchMs);
        Row("warm-up: served model read, rebuilt, optimised", results, r => r.ModelMs);
        Row("warm-up: first forward pass (kernels made)", results, r => r.ForwardMs);
        Row("first compare: its own latency", results, r => r.FirstRequestMs);
        Row("**first compare answered**", results, r => r.AnsweredMs);
        Row("then a compare of two new images (warm)", results, r => r.WarmRequestMs);
        return 0;
    }

    private enum Start
    {
        Lazy,
        WarmUpRequestAtOnce,
        WarmUpRequestAfter,
    }

    private static async Task<ColdStart> MeasureAsync(string storage, Start start, IReadOnlyList<(string Name, byte[] Bytes)> images)
    {
        bool warmUp = start != Start.Lazy;
        int port = LoopbackPort.Free();
        var clock = Stopwatch.StartNew();
        await using AppProcess host = AppProcess.Start(BuiltApps.LocalHostDll, [], new Dictionary<string, string?>
        {
            [StorageNames.Connection] = storage,
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["Serving__WarmUp"] = warmUp ? "AtStart" : "Off",
        });
        while (!await AcceptsAsync(port))
        {
            if (host.HasExited) throw new InvalidOperationException($"The host exited:\n{host.Output}");
            await Task.Delay(5);
        }
        double listening = clock.Elapsed.TotalMilliseconds;
        while (start == Start.WarmUpRequestAfter && !WarmUpLog().IsMatch(host.Output))
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(2)) throw new TimeoutException($"No warm-up line:\n{host.Output}");
            await Task.Delay(5);
        }
        double requested = clock.Elapsed.TotalMilliseconds;

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(2) };
        await CompareClient.PostAsync(http, images[0].Bytes, images[1].Bytes);
        double answered = clock.Elapsed.TotalMilliseconds;
        long warmStart = Stopwatch.GetTimestamp();
        await CompareClient.PostAsync(http, images[2].Bytes, images[3].Bytes);
        double warm = Stopwatch.GetElapsedTime(warmStart).TotalMilliseconds;

        Match log = WarmUpLog().Match(host.Output);
        if (warmUp && !log.Success) throw new InvalidOperationException($"No warm-up line in the host's output:\n{host.Output}");
        double Part(string name) => log.Success ? double.Parse(log.Groups[name].Value, CultureInfo.InvariantCulture) : double.NaN;
        return new ColdStart(listening, Part("libtorch"), Part("model"), Part("forward"), answered - requested, answered, warm);
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static void Row(string part, Dictionary<Start, List<ColdStart>> results, Func<ColdStart, double> value)
    {
        var cells = results.Values.Select(runs => runs.Select(value).Any(double.IsNaN) ? "—" : $"{Spread.Of(runs.Select(value)):0}");
        Console.WriteLine($"| {part} | {string.Join(" | ", cells)} |");
    }

    [GeneratedRegex(@"LibTorch (?<libtorch>\d+) ms, model (?<model>\d+) ms \(.*?\), first forward pass (?<forward>\d+) ms")]
    private static partial Regex WarmUpLog();
}

/// <summary>One cold start's parts, in milliseconds; the warm-up's are NaN when the host loaded lazily.</summary>
internal sealed record ColdStart(double ListeningMs, double LibTorchMs, double ModelMs, double ForwardMs, double FirstRequestMs,
    double AnsweredMs, double WarmRequestMs)
{
    public override string ToString() =>
        $"listening {ListeningMs:0} ms, warm-up {LibTorchMs:0}/{ModelMs:0}/{ForwardMs:0} ms (LibTorch/model/forward), " +
        $"first compare {FirstRequestMs:0} ms, answered at {AnsweredMs:0} ms; next compare {WarmRequestMs:0} ms";
}
