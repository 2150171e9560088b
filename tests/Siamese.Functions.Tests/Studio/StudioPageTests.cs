using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Siamese.Serving.Contracts;
using Siamese.Testing;
using Siamese.Testing.Stack;

namespace Siamese.Functions.Tests.Studio;

/// <summary>
/// The studio page in headless Chromium against the local functions host and Azurite: what it shows after a person's
/// clicks and file choices is what the API answers for the same images.
/// </summary>
[Collection(PipelineCollection.Name)]
public class StudioPageTests(StackFixture pipeline)
{
    /// <summary>20 drawings of each character: [0..20) one character, [20..40) another, [40..60) a third.</summary>
    private static readonly IReadOnlyList<(string Name, byte[] Bytes)> Characters = SampleImages.SomeCharacters(60);

    [Fact]
    public async Task The_page_shows_the_apis_compare_and_identify_the_served_model_of_default_and_an_upload_at_any_width()
    {
        using var folder = new TempDirectory();
        string Image(int i)
        {
            string path = Path.Combine(folder.Path, $"character-{i:D2}.png");
            File.WriteAllBytes(path, Characters[i].Bytes);
            return path;
        }
        string gallery = "studio-" + Guid.NewGuid().ToString("N")[..8];
        string zip = TestData.SmallOmniglotZip(folder, classes: 4, perClass: 4);
        var plan = new JsonObject
        {
            ["compare"] = new JsonObject { ["image1"] = Image(0), ["image2"] = Image(1) },
            ["gallery"] = new JsonObject
            {
                ["name"] = gallery,
                ["enrol"] = new JsonArray(Enrol("alpha", Image(2)), Enrol("beta", Image(20)), Enrol("gamma", Image(40))),
                ["identify"] = Image(3),
            },
            ["models"] = new JsonObject { ["detail"] = "default" },
            ["upload"] = new JsonObject { ["zip"] = zip, ["model"] = "studio-upload", ["waitFor"] = "Ready", ["timeoutSeconds"] = 120 },
            ["phone"] = true,
        };

        // The page uploads a zip: spaced from the other tests' uploads, as the fixture spaces its own.
        JsonObject shown = await pipeline.SpacedUploadAsync(() =>
            StudioDriver.RunAsync(new Uri(pipeline.Http.BaseAddress!, "api/studio"), plan, folder.Path));

        CompareResponse compare = await CompareAsync(0, 1);
        Assert.Equal("done", Text(shown, "compare", "state"));
        Assert.Equal(Decimals(compare.Similarity), Text(shown, "compare", "similarity"));
        Assert.Equal(Decimals(compare.Threshold), Text(shown, "compare", "threshold"));
        Assert.Equal(compare.IsSame ? "same" : "different", Text(shown, "compare", "call"));
        Assert.Contains(compare.Model.RunId, Text(shown, "compare", "answeredBy"));
        int inputSize = await InputSizeAsync(Image(0));
        Assert.All(shown["compare"]!["previews"]!.AsArray(), preview =>
            Assert.Equal((inputSize, inputSize), ((int)preview!["width"]!, (int)preview["height"]!)));

        IdentifyResponse identify = await IdentifyAsync(gallery, 3);
        Assert.Equal("done", Text(shown, "identify", "state"));
        Assert.Equal(identify.Matches.Select(m => (m.Label, Decimals(m.Score))),
            shown["identify"]!["matches"]!.AsArray().Select(m => ((string)m!["label"]!, (string)m["score"]!)));
        Assert.Equal(3, shown["enrolled"]!.AsArray().Count);

        NamedModelInfo served = (await pipeline.Http.GetFromJsonAsync<ModelListResponse>("/api/models"))!.Models[0];
        JsonNode defaultRow = shown["models"]!["rows"]!.AsArray().Single(r => (string)r!["model"]! == "default")!;
        Assert.Equal((served.RunId, served.Epoch.ToString(CultureInfo.InvariantCulture)),
            ((string)defaultRow["runId"]!, (string)defaultRow["epoch"]!));
        Assert.Contains(served.RunId, Text(shown, "models", "detail", "text"));

        Assert.Equal("Ready", Text(shown, "upload", "datasetState"));   // no trainer here; in the stack its run follows
        Assert.Contains(StackFixture.DatasetIdOf(await File.ReadAllBytesAsync(zip)), Text(shown, "upload", "text"));

        // Every view, results shown, fits a phone's width (390 px) without scrolling sideways.
        Assert.Equal(["compare", "galleries", "models", "uploads"], shown["phone"]!.AsObject().Select(v => v.Key).Order());
        Assert.All(shown["phone"]!.AsObject(), view =>
            Assert.True((int)view.Value!["scrollWidth"]! <= (int)view.Value["clientWidth"]!, $"{view.Key} scrolls sideways: {view.Value}"));
        Assert.Empty(shown["consoleErrors"]!.AsArray());
        Assert.Empty(shown["failedRequests"]!.AsArray());
    }

    private static JsonObject Enrol(string label, string image) => new() { ["label"] = label, ["image"] = image };

    private static string Decimals(double value) => value.ToString("F4", CultureInfo.InvariantCulture);

    private static string Text(JsonObject shown, params string[] path)
    {
        JsonNode? node = shown;
        foreach (string step in path) node = node?[step];
        return node?.GetValue<string>() ?? throw new Xunit.Sdk.XunitException($"the page showed no {string.Join(".", path)}");
    }

    private async Task<CompareResponse> CompareAsync(int first, int second)
    {
        using var form = CompareForms.Pair(Characters[first].Bytes, Characters[second].Bytes);
        using HttpResponseMessage response = await pipeline.Http.PostAsync("/api/compare", form);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<CompareResponse>())!;
    }

    private async Task<IdentifyResponse> IdentifyAsync(string gallery, int image)
    {
        using var body = new ByteArrayContent(Characters[image].Bytes);
        using HttpResponseMessage response = await pipeline.Http.PostAsync($"/api/galleries/{gallery}/identify?top=5", body);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<IdentifyResponse>())!;
    }

    /// <summary>The served model's input size, from the preview route (the page's previews must be that size).</summary>
    private async Task<int> InputSizeAsync(string image)
    {
        using var body = new ByteArrayContent(await File.ReadAllBytesAsync(image));
        using HttpResponseMessage response = await pipeline.Http.PostAsync("/api/preview", body);
        response.EnsureSuccessStatusCode();
        using var picture = SixLabors.ImageSharp.Image.Load(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(picture.Width, picture.Height);
        return picture.Width;
    }
}
