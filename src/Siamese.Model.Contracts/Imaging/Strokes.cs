namespace Siamese.Model.Imaging;

/// <summary>
/// What the preprocessing does with a drawing's strokes. AsIs: nothing (the original's; every checkpoint made before this
/// setting existed). Redrawn: the ink is told from the paper, thinned to its centre lines and redrawn black on white at
/// one stroke width, fitted to a fixed box in the middle of the frame (see <see cref="StrokeRedrawing"/>): how thick the
/// pen was, how large and where the drawing sits and what colour the paper is no longer reach the network.
/// </summary>
public enum Strokes
{
    AsIs = 0,
    Redrawn = 1,
}
