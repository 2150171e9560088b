using Siamese.Serving.Provider;

namespace Siamese.Serving.Galleries;

/// <summary>
/// A gallery ready to use: its header, the model its name serves now (leased until disposed), and its index for that model,
/// current as of the open (for a search, with every image embedded by that model: <see cref="GalleryOpener.OpenAsync"/>).
/// </summary>
public sealed class OpenGallery(GalleryHeader header, ModelLease lease, GalleryIndex index) : IDisposable
{
    public GalleryHeader Header { get; } = header;

    public ServedModel Model => lease.Model;

    public GalleryIndex Index { get; } = index;

    public void Dispose() => lease.Dispose();
}
