using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using Siamese.Serving.Contracts;
using Siamese.Testing.Stack;

namespace Siamese.Functions.Tests;

/// <summary>Many clients at once while the served model changes: no request fails, memory stays bounded.</summary>
[Collection(PipelineCollection.Name)]
public class LoadTests(StackFixture pipeline)
{
    [Fact]
    public async Task Concurrent_clients_see_no_failure_while_a_new_checkpoint_is_published_and_the_answers_switch_to_it()
    {
        // At least 480 requests; then on until the new model answers (the switch takes up to a reload interval), at most 5,000.
        const int clients = 8, requests = 480, publishAt = 40, maxRequests = 5_000;
        var images = SampleImages.SomeCharacters(20).Select(c => c.Bytes).ToList();
        await CompareAsync(images[0], images[1]);   // warm up: model loaded, code jitted
        long memoryBefore = Process.GetCurrentProcess().WorkingSet64;
        string newRunId = "load-test-" + Guid.NewGuid().ToString("N")[..8];
        var failures = new ConcurrentBag<string>();
        var answers = new ConcurrentQueue<string>();
        int issued = 0, switched = 0;

        async Task Client()
        {
            for (int i = Interlocked.Increment(ref issued);
                 i <= maxRequests && (i <= requests || Volatile.Read(ref switched) == 0);
                 i = Interlocked.Increment(ref issued))
            {
                if (i == publishAt) await pipeline.PublishModelAsync(newRunId);
                try
                {
                    CompareResponse answer = await CompareAsync(images[i % images.Count], images[(i * 7 + 3) % images.Count]);
                    answers.Enqueue(answer.Model.RunId);
                    if (answer.Model.RunId == newRunId) Volatile.Write(ref switched, 1);
                }
                catch (Exception ex)
                {
                    failures.Add($"request {i}: {ex.Message}");
                }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(Client))).WaitAsync(TimeSpan.FromMinutes(3));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        CompareResponse after = await CompareAsync(images[0], images[1]);
        long memoryGrowth = Process.GetCurrentProcess().WorkingSet64 - memoryBefore;

        Assert.Empty(failures);
        Assert.InRange(answers.Count, requests, maxRequests);
        Assert.Equal(newRunId, after.Model.RunId);
        Assert.Contains(newRunId, answers);                 // the switch happened during the run
        Assert.True(memoryGrowth < 400L << 20, $"working set grew by {memoryGrowth >> 20} MB");
    }

    private async Task<CompareResponse> CompareAsync(byte[] first, byte[] second)
    {
        var response = await pipeline.Http.PostAsync("/api/compare", CompareForms.Pair(first, second));
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<CompareResponse>())!;
    }
}
