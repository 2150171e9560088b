using System.Buffers;
using Siamese.Serving.Galleries;

namespace Siamese.Serving.Tests.Galleries;

public sealed class GalleryChangeCodecTests
{
    private static readonly GalleryChange[] EveryKind =
    [
        new ImageEnrolled("img-1", "Ωmega label ✓", new string('a', 64), "run-1/epoch-0004", [1.5f, -0.25f, float.Epsilon, 3e7f],
            new DateTimeOffset(2026, 12, 6, 10, 30, 15, 123, TimeSpan.Zero)),
        new ImageEmbedded("img-1", "run-2/epoch-0001", GalleryChanges.RandomEmbedding(new Random(1))),
        new ImageRemoved("img-1"),
        new IdentityRemoved("Ωmega label ✓"),
        new IdentityDataSet("alice", """{"name":"Alice","tags":["a","b"]}"""),
        new IdentityDataSet("bob", null),
        new ImageEnrolled("", "", "", "", [], DateTimeOffset.UnixEpoch),
    ];

    [Fact]
    public void Every_kind_of_change_reads_back_as_written()
    {
        var buffer = new ArrayBufferWriter<byte>();
        foreach (GalleryChange change in EveryKind) GalleryChangeCodec.Write(buffer, change);

        (IReadOnlyList<GalleryChange> read, int consumed) = GalleryChangeCodec.Read(buffer.WrittenSpan);

        Assert.Equal(buffer.WrittenCount, consumed);
        Assert.Equal(EveryKind.Select(GalleryChanges.Describe), read.Select(GalleryChanges.Describe));
        Assert.Equal(EveryKind.Sum(GalleryChangeCodec.SizeOf), buffer.WrittenCount);
    }

    [Fact]
    public void The_stream_form_writes_the_same_bytes()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using var stream = new MemoryStream();
        foreach (GalleryChange change in EveryKind)
        {
            GalleryChangeCodec.Write(buffer, change);
            GalleryChangeCodec.Write(stream, change);
        }

        Assert.Equal(buffer.WrittenSpan.ToArray(), stream.ToArray());
    }

    [Fact]
    public void A_truncated_buffer_is_rejected_clearly()
    {
        var buffer = new ArrayBufferWriter<byte>();
        GalleryChangeCodec.Write(buffer, EveryKind[0]);
        GalleryChangeCodec.Write(buffer, EveryKind[1]);
        byte[] bytes = buffer.WrittenSpan.ToArray();
        int first = GalleryChangeCodec.SizeOf(EveryKind[0]);

        for (int length = 1; length < bytes.Length; length++)
        {
            if (length == first) continue;
            var error = Assert.Throws<InvalidDataException>(() => GalleryChangeCodec.Read(bytes.AsSpan(0, length)));
            Assert.Contains("truncated", error.Message);
            int recordStart = length > first ? first : 0;
            Assert.False(GalleryChangeCodec.TryRead(bytes.AsSpan(recordStart, length - recordStart), out _, out int consumed));
            Assert.Equal(0, consumed);
        }
        Assert.Single(GalleryChangeCodec.Read(bytes.AsSpan(0, first)).Changes);
    }

    [Fact]
    public void A_record_of_an_unknown_version_or_kind_is_rejected()
    {
        var buffer = new ArrayBufferWriter<byte>();
        GalleryChangeCodec.Write(buffer, new ImageRemoved("x"));
        byte[] newerVersion = buffer.WrittenSpan.ToArray();
        newerVersion[4] = 2;
        byte[] unknownKind = buffer.WrittenSpan.ToArray();
        unknownKind[5] = 99;

        Assert.Contains("version 2", Assert.Throws<InvalidDataException>(() => GalleryChangeCodec.Read(newerVersion)).Message);
        Assert.Contains("kind 99", Assert.Throws<InvalidDataException>(() => GalleryChangeCodec.Read(unknownKind)).Message);
    }

    [Fact]
    public void User_data_over_16_KiB_is_refused_when_written()
    {
        var change = new IdentityDataSet("alice", new string('x', GalleryChangeCodec.MaxUserDataBytes + 1));

        Assert.Throws<ArgumentException>(() => GalleryChangeCodec.SizeOf(change));
    }
}
