using Siamese.Storage.Promotion;

namespace Siamese.Cli.Printing;

/// <summary>
/// What `models` prints from the served pointers: every model name with what it serves, why, since when and its
/// references; or one name with the models it served before, newest first.
/// </summary>
public sealed class ServedModelsView(ServedModels served, TextWriter output)
{
    /// <summary>Every name, `default` first: "alice: &lt;model&gt;: &lt;why&gt;", then its since and references lines.</summary>
    public async Task ListAsync(CancellationToken cancellationToken)
    {
        foreach (NamedModel named in await served.ListAsync(cancellationToken))
        {
            await output.WriteLineAsync($"{named.Model}: {ModelNames.Serving(named.Pointer)}");
            await DetailsAsync(named.Model, named.Pointer);
        }
    }

    /// <summary>One name: what it serves and why, and the models it served before; an unknown name is bad input.</summary>
    public async Task ShowAsync(string model, CancellationToken cancellationToken)
    {
        ServedModelPointer? pointer = await served.RequireAsync(model, cancellationToken);
        await output.WriteLineAsync(ModelNames.NowAnswering(model, pointer));
        await DetailsAsync(model, pointer);
        if (pointer is null) return;
        var earlier = History(pointer).Skip(1).ToList();
        await output.WriteLineAsync(earlier.Count == 0 ? "served before: nothing" : "served before (newest first):");
        foreach (ServedModelPointer before in earlier)
            await output.WriteLineAsync($"  {before.UpdatedUtc:u}  {ModelNames.Of(before)}: {before.Reason}");
    }

    /// <summary>Since when (with the challenge it won) and the trials a challenger of the name must hold.</summary>
    private async Task DetailsAsync(string model, ServedModelPointer? pointer)
    {
        if (pointer is not null)
            await output.WriteLineAsync($"  since {pointer.UpdatedUtc:u}" +
                                        (pointer.Scores is { } scores ? $"; challenge: {scores.Comparison}" : ""));
        IReadOnlyList<ReferenceTrials> references = ServedModelPointer.ReferencesOf(model, pointer);
        await output.WriteLineAsync("  references: " +
                                    (references.Count == 0 ? "none yet" : string.Join("; ", references.Select(r => r.Name))));
    }

    /// <summary>The pointer and the ones it keeps for roll-back, newest first.</summary>
    private static IEnumerable<ServedModelPointer> History(ServedModelPointer served)
    {
        for (ServedModelPointer? pointer = served; pointer is not null; pointer = pointer.Previous) yield return pointer;
    }
}
