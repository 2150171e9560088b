using System.Text.Json;
using Siamese.Model.Checkpoints;
using Siamese.Model.Imaging;
using Siamese.Model.Network;
using Siamese.Testing;
using TorchSharp;
using static TorchSharp.torch;

namespace Siamese.Model.Tests;

public class CheckpointTests
{
    private static readonly ModelConfig Tiny = new() { Width = 0.125, BlocksPerStage = [1, 1, 1, 1] };

    [Fact]
    public void Save_then_load_reproduces_the_outputs_bit_for_bit()
    {
        using var temp = new TempDirectory();
        torch.manual_seed(3);
        using var network = new SiameseNetwork(Tiny);
        TrainAFewSteps(network);  // moves weights and BatchNorm statistics away from their initial values
        network.eval();
        using var scope = NewDisposeScope();
        Tensor pairs = rand(6, 3, 64, 32);
        Tensor expected = network.call(pairs);

        LocalCheckpointStore.Save(temp.Path, network, CheckpointFixture.Metadata(Tiny), isBest: true);
        var (loaded, metadata) = LocalCheckpointStore.Load(temp.Path);
        using var _ = loaded;

        Assert.True(TensorAssert.Same(expected, loaded.call(pairs)), "the loaded network must give identical outputs");
        Assert.Equal(Tiny, metadata.Model);
        Assert.Equal(1, metadata.Epoch);
        Assert.Equal(LibraryVersions.Current.TorchSharp, metadata.Libraries.TorchSharp);
    }

    [Fact]
    public void Load_refuses_a_checkpoint_of_another_configuration_with_a_clear_message()
    {
        using var temp = new TempDirectory();
        using var network = new SiameseNetwork(Tiny);
        LocalCheckpointStore.Save(temp.Path, network, CheckpointFixture.Metadata(Tiny), isBest: false);
        var other = Tiny with { Width = 0.25 };

        var error = Assert.Throws<InvalidInputException>(() => LocalCheckpointStore.Load(temp.Path, expected: other));

        Assert.Equal("checkpoint.config-mismatch", error.Code);
        Assert.Contains("width 0.125", error.Message);
        Assert.Contains("width 0.25", error.Message);
    }

    [Fact]
    public void Load_refuses_weights_that_do_not_fit_the_configuration_in_the_metadata()
    {
        using var temp = new TempDirectory();
        using var network = new SiameseNetwork(Tiny);
        string directory = LocalCheckpointStore.Save(temp.Path, network, CheckpointFixture.Metadata(Tiny), isBest: false);
        // Claim a wider model than the weights hold.
        string json = File.ReadAllText(Path.Combine(directory, LocalCheckpointStore.MetadataFile));
        File.WriteAllText(Path.Combine(directory, LocalCheckpointStore.MetadataFile), json.Replace("\"width\": 0.125", "\"width\": 0.25"));

        var error = Assert.Throws<InvalidInputException>(() => LocalCheckpointStore.Load(directory));

        Assert.Equal("checkpoint.weights-mismatch", error.Code);
    }

    [Fact]
    public void Pointers_name_the_latest_and_the_best_checkpoint()
    {
        using var temp = new TempDirectory();
        using var network = new SiameseNetwork(Tiny);
        LocalCheckpointStore.Save(temp.Path, network, CheckpointFixture.Metadata(Tiny) with { Epoch = 1 }, isBest: true);
        LocalCheckpointStore.Save(temp.Path, network, CheckpointFixture.Metadata(Tiny) with { Epoch = 2 }, isBest: false);

        var latest = JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(temp.Path, LocalCheckpointStore.LatestPointer)), CheckpointJson.Default.CheckpointPointer)!;
        Assert.Equal("epoch-0002", latest.Checkpoint);
        Assert.Equal(Path.Combine(temp.Path, "epoch-0001"), LocalCheckpointStore.Resolve(temp.Path));
        Assert.Equal("checkpoint.not-found", Assert.Throws<InvalidInputException>(() => LocalCheckpointStore.Resolve(temp.Combine("nothing-here"))).Code);
    }

    private static void TrainAFewSteps(SiameseNetwork network)
    {
        network.train();
        using var optimizer = optim.Adam(network.parameters(), lr: 1e-2);
        for (int i = 0; i < 3; i++)
        {
            using var scope = NewDisposeScope();
            Tensor loss = nn.functional.binary_cross_entropy_with_logits(network.Logits(rand(8, 3, 64, 32)), ones(8));
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
        }
    }
}
