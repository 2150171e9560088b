using System.Buffers.Binary;
using System.IO.Compression;
using Siamese.Development;

namespace Siamese.Testing;

/// <summary>Zips good and bad, made in memory.</summary>
public static class TestZips
{
    public static byte[] Build(IEnumerable<(string Entry, byte[] Bytes)> entries, CompressionLevel level = CompressionLevel.Optimal)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (entry, bytes) in entries)
            {
                using var stream = zip.CreateEntry(entry, level).Open();
                stream.Write(bytes);
            }
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// Real Omniglot characters in class folders; <paramref name="salt"/> makes the content (and so the dataset id) unique.
    /// </summary>
    public static byte[] Characters(int classes, int perClass, string salt, params (string Entry, byte[] Bytes)[] extra)
    {
        var images = SampleImages.SomeCharacters(classes * 20);
        var entries = new List<(string, byte[])>();
        for (int c = 0; c < classes; c++)
            for (int i = 0; i < perClass; i++)
                entries.Add(($"set/class{c:D2}/{i:D2}.png", images[c * 20 + i].Bytes));
        entries.Add(("set/salt.txt", System.Text.Encoding.UTF8.GetBytes(salt)));
        entries.AddRange(extra);
        return Build(entries);
    }

    /// <summary>A valid PNG header that claims width x height pixels: a decompression bomb in 57 bytes.</summary>
    public static byte[] PngClaiming(int width, int height)
    {
        byte[] header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;   // bit depth
        header[9] = 0;   // grayscale
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(png, "IHDR", header);
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        byte[] typed = [.. System.Text.Encoding.ASCII.GetBytes(type), .. data];
        png.Write(typed);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        png.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
        }
        return ~crc;
    }
}
