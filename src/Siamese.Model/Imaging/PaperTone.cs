using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Siamese.Model.Imaging;

/// <summary>Whether an image is on dark paper: the mean luminance of its border pixels is below mid-grey.</summary>
public static class PaperTone
{
    public static bool IsDark(Image image)
    {
        using Image<L8> gray = image.CloneAs<L8>();
        long sum = 0;
        int count = 0;
        gray.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
            {
                Span<L8> row = rows.GetRowSpan(y);
                bool edgeRow = y == 0 || y == rows.Height - 1;
                for (int x = 0; x < row.Length; x += edgeRow || row.Length == 1 ? 1 : row.Length - 1)
                    (sum, count) = (sum + row[x].PackedValue, count + 1);
            }
        });
        return sum < 128L * count;
    }
}
