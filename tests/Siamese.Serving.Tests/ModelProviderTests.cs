using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Siamese.Model;
using Siamese.Model.Checkpoints;
using Siamese.Model.Network;
using Siamese.Serving.Provider;
using Siamese.Storage.Promotion;
using static TorchSharp.torch;

namespace Siamese.Serving.Tests;

/// <summary>
/// Which model answers: the promoted one, read again at most every reload interval (or at once after CheckNow), swapped
/// in when served.json moves, the old one kept while storage fails, the default model while nothing was promoted. A
/// model per name: each name answers with its own model and reloads on its own, a name that serves nothing is unknown,
/// and at most MaxLoadedModels names keep a model loaded (the least recently used lets go first).
/// </summary>
public sealed class ModelProviderTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private readonly FakeTimeProvider time = new();
    private readonly FakeServedModelSource source;
    private readonly ModelProvider provider;

    public ModelProviderTests()
    {
        source = new FakeServedModelSource(time);
        var options = Options.Create(new ServingOptions { ReloadIntervalSeconds = Interval.TotalSeconds, MaxLoadedModels = 2 });
        var precision = new PrecisionChoice(options, NullLogger<PrecisionChoice>.Instance);
        provider = new ModelProvider(source, precision, options, time, NullLogger<ModelProvider>.Instance);
    }

    [Fact]
    public async Task While_nothing_was_promoted_the_default_model_answers()
    {
        using ModelLease lease = await AcquireAsync();

        Assert.Equal(("default", DefaultModel.FolderName), (lease.Model.Source, lease.Model.Checkpoint));
        Assert.Null(lease.Model.Pointer);
        Assert.Null(lease.Model.StorageFolder);
        Assert.Empty(source.Loaded);
    }

    [Fact]
    public async Task The_promoted_checkpoint_answers_with_the_pointer_that_says_why()
    {
        source.Serve("run-a");

        using ModelLease lease = await AcquireAsync();

        Assert.Equal(("storage", "run-a/1", "run-a/epoch-0001"), (lease.Model.Source, lease.Model.Id, lease.Model.StorageFolder));
        Assert.Equal("promoted by a test", lease.Model.Pointer?.Reason);
    }

    [Fact]
    public async Task With_Serving_Precision_BFloat16_the_default_and_a_promoted_model_both_compute_in_bfloat16()
    {
        var options = Options.Create(new ServingOptions { Precision = InferencePrecision.BFloat16 });
        var precision = new PrecisionChoice(options, NullLogger<PrecisionChoice>.Instance);
        using var bfloat16 = new ModelProvider(source, precision, options, time, NullLogger<ModelProvider>.Instance);
        source.Serve("run-f", "faces");

        using ModelLease byDefault = await bfloat16.AcquireAsync(null, CancellationToken.None);
        using ModelLease faces = await bfloat16.AcquireAsync("faces", CancellationToken.None);

        Assert.Equal(("bfloat16", "bfloat16"), (byDefault.Model.Precision, faces.Model.Precision));
        Assert.True(faces.Model.Network.Optimizations.HasFlag(InferenceOptimizations.BFloat16 | InferenceOptimizations.All));
        Assert.Equal(InferenceOptimizations.All, faces.Model.Float32?.Optimizations);   // for pairs near the threshold
    }

    [Fact]
    public async Task Served_json_is_read_again_only_once_the_reload_interval_has_passed_and_an_unchanged_pointer_is_not_reloaded()
    {
        source.Serve("run-a");
        (await AcquireAsync()).Dispose();

        time.Advance(Interval - TimeSpan.FromMilliseconds(1));
        (await AcquireAsync()).Dispose();
        int readsWithinInterval = source.Reads;
        time.Advance(TimeSpan.FromMilliseconds(1));
        (await AcquireAsync()).Dispose();

        Assert.Equal(1, readsWithinInterval);
        Assert.Equal(2, source.Reads);
        Assert.Equal(["run-a/epoch-0001"], source.Loaded);
    }

    [Fact]
    public async Task A_moved_pointer_swaps_the_model_after_the_interval_and_a_request_in_flight_keeps_its_model()
    {
        source.Serve("run-a");
        using ModelLease inFlight = await AcquireAsync();

        source.Serve("run-b");
        string beforeInterval = await ServedIdAsync();
        time.Advance(Interval);
        string afterInterval = await ServedIdAsync();

        Assert.Equal(("run-a/1", "run-b/1"), (beforeInterval, afterInterval));
        Assert.Equal("run-a/1", inFlight.Model.Id);
        using var scope = NewDisposeScope();
        Assert.Equal(3, inFlight.Model.Network.call(rand(3, 3, 64, 32)).shape[0]);   // its network is not disposed under it
    }

    [Fact]
    public async Task While_storage_fails_the_model_served_before_keeps_answering_and_the_next_success_moves_on()
    {
        source.Serve("run-a");
        (await AcquireAsync()).Dispose();

        source.Failure = new IOException("storage unreachable");
        time.Advance(Interval);
        string whileFailing = await ServedIdAsync();
        source.Failure = null;
        source.Serve("run-b");
        time.Advance(Interval);
        string afterwards = await ServedIdAsync();

        Assert.Equal(("run-a/1", "run-b/1"), (whileFailing, afterwards));
        Assert.Equal(3, source.Reads);
    }

    [Fact]
    public async Task Storage_unreachable_at_start_serves_the_default_model_until_it_answers()
    {
        source.Serve("run-a");
        source.Failure = new IOException("storage unreachable");

        using (ModelLease lease = await AcquireAsync()) Assert.Equal("default", lease.Model.Source);
        source.Failure = null;
        time.Advance(Interval);

        Assert.Equal("run-a/1", await ServedIdAsync());
    }

    [Fact]
    public async Task Check_now_makes_the_next_request_read_served_json_before_the_interval_is_over()
    {
        source.Serve("run-a");
        (await AcquireAsync()).Dispose();
        source.Serve("run-b");

        provider.CheckNow(ModelName.Default);

        Assert.Equal("run-b/1", await ServedIdAsync());
    }

    [Fact]
    public async Task A_roll_back_to_the_default_model_serves_it_with_the_pointer_that_says_why()
    {
        source.Serve("run-a");
        (await AcquireAsync()).Dispose();
        source.ServeDefault();
        time.Advance(Interval);

        using ModelLease lease = await AcquireAsync();

        Assert.Equal("default", lease.Model.Source);
        Assert.Equal("rolled back", lease.Model.Pointer?.Reason);
    }

    [Fact]
    public async Task Each_name_answers_with_its_own_model_and_default_keeps_the_shipped_one()
    {
        source.Serve("run-f", "faces");

        using ModelLease faces = await AcquireAsync("faces");
        using ModelLease byDefault = await AcquireAsync(null);

        Assert.Equal(("faces", "run-f/1", "storage"), (faces.Model.Name, faces.Model.Id, faces.Model.Source));
        Assert.Equal(("default", "default"), (byDefault.Model.Name, byDefault.Model.Source));
        Assert.Equal(["run-f/epoch-0001"], source.Loaded);
    }

    [Fact]
    public async Task A_name_that_serves_nothing_is_unknown_names_the_known_ones_and_keeps_nothing_loaded()
    {
        source.Serve("run-s", "signatures");

        var unknown = await Assert.ThrowsAsync<MissingInputException>(() => AcquireAsync("faces"));

        Assert.Equal("models.unknown-model", unknown.Code);
        Assert.Equal("No model is served under 'faces'; known: default, signatures. " +
                     "Upload data for it with `siamese upload <zip> --model faces`.", unknown.Message);
        Assert.DoesNotContain("faces", provider.LoadedNames);
        source.Serve("run-f", "faces");
        Assert.Equal("run-f/1", await ServedIdAsync("faces"));   // known from its first promotion on
    }

    [Fact]
    public async Task A_name_whose_pointer_is_gone_is_unknown_from_the_next_check_on_and_its_model_unloaded()
    {
        source.Serve("run-f", "faces");
        (await AcquireAsync("faces")).Dispose();
        source.Forget("faces");
        time.Advance(Interval);

        await Assert.ThrowsAsync<MissingInputException>(() => AcquireAsync("faces"));

        Assert.DoesNotContain("faces", provider.LoadedNames);
        await Assert.ThrowsAsync<MissingInputException>(() => AcquireAsync("faces"));   // not the old model within the interval
    }

    [Theory]
    [InlineData("Faces")]
    [InlineData("-faces")]
    [InlineData("faces/../default")]
    public async Task A_name_that_breaks_the_rule_is_refused_before_storage_is_read(string name)
    {
        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => AcquireAsync(name));

        Assert.Equal("model.invalid-name", refused.Code);
        Assert.Equal(0, source.Reads);
    }

    [Fact]
    public async Task Moving_one_names_pointer_reloads_that_name_alone()
    {
        source.Serve("run-a");
        source.Serve("run-f", "faces");
        (await AcquireAsync("default")).Dispose();
        (await AcquireAsync("faces")).Dispose();

        source.Serve("run-g", "faces");
        provider.CheckNow("faces");
        string faces = await ServedIdAsync("faces");
        string byDefault = await ServedIdAsync("default");

        Assert.Equal(("run-g/1", "run-a/1"), (faces, byDefault));
        Assert.Equal(["run-a/epoch-0001", "run-f/epoch-0001", "run-g/epoch-0001"], source.Loaded);
        Assert.Equal(["default", "faces", "faces"], source.ReadNames);   // default's interval is not over
    }

    [Fact]
    public async Task Beyond_max_loaded_models_the_least_recently_used_name_is_unloaded_and_its_requests_in_flight_finish_on_it()
    {
        source.Serve("run-a", "a");
        source.Serve("run-b", "b");
        source.Serve("run-c", "c");
        (await AcquireAsync("a")).Dispose();
        using ModelLease inFlight = await AcquireAsync("b");
        (await AcquireAsync("a")).Dispose();

        (await AcquireAsync("c")).Dispose();

        Assert.Equal(["a", "c"], provider.LoadedNames);
        using (var scope = NewDisposeScope())
            Assert.Equal(3, inFlight.Model.Network.call(rand(3, 3, 64, 32)).shape[0]);   // not disposed under it
        Assert.Equal("run-b/1", await ServedIdAsync("b"));   // loaded again when asked for
        Assert.Equal(["run-a/epoch-0001", "run-b/epoch-0001", "run-c/epoch-0001", "run-b/epoch-0001"], source.Loaded);
        Assert.Equal(["c", "b"], provider.LoadedNames);
    }

    [Fact]
    public async Task Storage_unreachable_at_a_names_first_request_is_an_error_not_another_model()
    {
        source.Serve("run-f", "faces");
        source.Failure = new IOException("storage unreachable");

        await Assert.ThrowsAsync<IOException>(() => AcquireAsync("faces"));
        source.Failure = null;

        Assert.Equal("run-f/1", await ServedIdAsync("faces"));
    }

    public void Dispose() => provider.Dispose();

    private Task<ModelLease> AcquireAsync(string? model = ModelName.Default) => provider.AcquireAsync(model, CancellationToken.None);

    private async Task<string> ServedIdAsync(string model = ModelName.Default)
    {
        using ModelLease lease = await AcquireAsync(model);
        return lease.Model.Id;
    }
}
