using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Siamese.Serving.Galleries;

/// <summary>
/// The binary form of <see cref="GalleryChange"/> records in a gallery's log, little-endian, format version 1:
/// <code>
/// record    := u32 length (the bytes after this field) | u8 version (1) | u8 kind | fields of the kind
/// string    := u16 byte count | UTF-8 bytes
/// text?     := i32 byte count (-1: null) | UTF-8 bytes
/// embedding := u16 float count | float32 × count
/// time      := i64 UTC ticks
/// kind 1 ImageEnrolled:   string image id, string label, string content hash, string model id, embedding, time enrolled
/// kind 2 ImageEmbedded:   string image id, string model id, embedding
/// kind 3 ImageRemoved:    string image id
/// kind 4 IdentityRemoved: string label
/// kind 5 IdentityDataSet: string label, text? user data
/// </code>
/// A reader rejects a version or kind it does not know rather than skip it: an instance must never serve a gallery
/// with changes silently left out.
/// </summary>
public static class GalleryChangeCodec
{
    public const byte Version = 1;

    /// <summary>Most UTF-8 bytes of an identity's user data.</summary>
    public const int MaxUserDataBytes = 16 * 1024;

    /// <summary>A length prefix above this is corruption, not a record (the largest valid record is far smaller).</summary>
    private const int MaxRecordBytes = 1 << 20;

    private const int PrefixBytes = sizeof(uint);
    private const int HeadBytes = PrefixBytes + 2;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private enum Kind : byte
    {
        ImageEnrolled = 1,
        ImageEmbedded = 2,
        ImageRemoved = 3,
        IdentityRemoved = 4,
        IdentityDataSet = 5,
    }

    /// <summary>The bytes <paramref name="change"/> takes in the log, length prefix included.</summary>
    public static int SizeOf(GalleryChange change) => HeadBytes + change switch
    {
        ImageEnrolled e => StringSize(e.ImageId) + StringSize(e.Label) + StringSize(e.ContentHash) + StringSize(e.ModelId) +
                           EmbeddingSize(e.Embedding) + sizeof(long),
        ImageEmbedded e => StringSize(e.ImageId) + StringSize(e.ModelId) + EmbeddingSize(e.Embedding),
        ImageRemoved r => StringSize(r.ImageId),
        IdentityRemoved r => StringSize(r.Label),
        IdentityDataSet d => StringSize(d.Label) + TextSize(d.UserData),
        _ => throw new ArgumentException($"Unknown change {change.GetType().Name}.", nameof(change)),
    };

    public static void Write(IBufferWriter<byte> output, GalleryChange change)
    {
        int size = SizeOf(change);
        Span<byte> span = output.GetSpan(size)[..size];
        var writer = new SpanWriter(span);
        writer.UInt32((uint)(size - PrefixBytes));
        writer.Byte(Version);
        switch (change)
        {
            case ImageEnrolled e:
                writer.Byte((byte)Kind.ImageEnrolled);
                writer.String(e.ImageId);
                writer.String(e.Label);
                writer.String(e.ContentHash);
                writer.String(e.ModelId);
                writer.Embedding(e.Embedding);
                writer.Int64(e.EnrolledUtc.UtcTicks);
                break;
            case ImageEmbedded e:
                writer.Byte((byte)Kind.ImageEmbedded);
                writer.String(e.ImageId);
                writer.String(e.ModelId);
                writer.Embedding(e.Embedding);
                break;
            case ImageRemoved r:
                writer.Byte((byte)Kind.ImageRemoved);
                writer.String(r.ImageId);
                break;
            case IdentityRemoved r:
                writer.Byte((byte)Kind.IdentityRemoved);
                writer.String(r.Label);
                break;
            case IdentityDataSet d:
                writer.Byte((byte)Kind.IdentityDataSet);
                writer.String(d.Label);
                writer.Text(d.UserData);
                break;
        }
        output.Advance(size);
    }

    public static void Write(Stream output, GalleryChange change)
    {
        var buffer = new ArrayBufferWriter<byte>(SizeOf(change));
        Write(buffer, change);
        output.Write(buffer.WrittenSpan);
    }

    /// <summary>Every record in <paramref name="buffer"/>, which must hold whole records only.</summary>
    /// <exception cref="InvalidDataException">The buffer ends inside a record, or a record is malformed.</exception>
    public static (IReadOnlyList<GalleryChange> Changes, int BytesConsumed) Read(ReadOnlySpan<byte> buffer)
    {
        var changes = new List<GalleryChange>();
        int consumed = 0;
        while (consumed < buffer.Length)
        {
            if (!TryRead(buffer[consumed..], out GalleryChange? change, out int size))
                throw new InvalidDataException(
                    $"The gallery log is truncated: {buffer.Length - consumed} bytes at offset {consumed} are not a whole record" +
                    (buffer.Length - consumed >= PrefixBytes
                        ? $" (it says {BinaryPrimitives.ReadUInt32LittleEndian(buffer[consumed..]) + PrefixBytes} bytes)."
                        : "."));
            changes.Add(change);
            consumed += size;
        }
        return (changes, consumed);
    }

    /// <summary>The first record of <paramref name="buffer"/>, or false when the buffer does not hold all of it yet.</summary>
    /// <exception cref="InvalidDataException">The record is malformed or of a version or kind this reader does not know.</exception>
    public static bool TryRead(ReadOnlySpan<byte> buffer, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out GalleryChange? change,
        out int bytesConsumed)
    {
        change = null;
        bytesConsumed = 0;
        if (buffer.Length < PrefixBytes) return false;
        uint length = BinaryPrimitives.ReadUInt32LittleEndian(buffer);
        if (length is < 2 or > MaxRecordBytes)
            throw new InvalidDataException($"A gallery log record says it is {length} bytes long: the log is corrupt.");
        if (buffer.Length - PrefixBytes < length) return false;

        var reader = new SpanReader(buffer.Slice(PrefixBytes, (int)length));
        byte version = reader.Byte();
        if (version != Version)
            throw new InvalidDataException($"A gallery log record is of format version {version}; this reader knows version {Version}.");
        var kind = (Kind)reader.Byte();
        change = kind switch
        {
            Kind.ImageEnrolled => new ImageEnrolled(reader.String(), reader.String(), reader.String(), reader.String(),
                reader.Embedding(), new DateTimeOffset(reader.Int64(), TimeSpan.Zero)),
            Kind.ImageEmbedded => new ImageEmbedded(reader.String(), reader.String(), reader.Embedding()),
            Kind.ImageRemoved => new ImageRemoved(reader.String()),
            Kind.IdentityRemoved => new IdentityRemoved(reader.String()),
            Kind.IdentityDataSet => new IdentityDataSet(reader.String(), reader.Text()),
            _ => throw new InvalidDataException($"A gallery log record is of kind {(byte)kind}, unknown to format version {Version}."),
        };
        if (!reader.AtEnd)
            throw new InvalidDataException($"A gallery log record of kind {kind} has bytes left over: the log is corrupt.");
        bytesConsumed = PrefixBytes + (int)length;
        return true;
    }

    private static int StringSize(string value)
    {
        int bytes = Utf8.GetByteCount(value);
        if (bytes > ushort.MaxValue)
            throw new ArgumentException($"A gallery string is at most {ushort.MaxValue} bytes of UTF-8; this one is {bytes}.");
        return sizeof(ushort) + bytes;
    }

    private static int TextSize(string? value)
    {
        if (value is null) return sizeof(int);
        int bytes = Utf8.GetByteCount(value);
        if (bytes > MaxUserDataBytes)
            throw new ArgumentException($"User data is at most {MaxUserDataBytes} bytes of UTF-8; this is {bytes}.");
        return sizeof(int) + bytes;
    }

    private static int EmbeddingSize(float[] embedding)
    {
        if (embedding.Length > ushort.MaxValue)
            throw new ArgumentException($"An embedding has at most {ushort.MaxValue} values; this one has {embedding.Length}.");
        return sizeof(ushort) + embedding.Length * sizeof(float);
    }

    private ref struct SpanWriter(Span<byte> span)
    {
        private Span<byte> rest = span;

        public void Byte(byte value)
        {
            rest[0] = value;
            rest = rest[1..];
        }

        public void UInt32(uint value)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(rest, value);
            rest = rest[sizeof(uint)..];
        }

        public void Int64(long value)
        {
            BinaryPrimitives.WriteInt64LittleEndian(rest, value);
            rest = rest[sizeof(long)..];
        }

        public void String(string value)
        {
            int bytes = Utf8.GetBytes(value, rest[sizeof(ushort)..]);
            BinaryPrimitives.WriteUInt16LittleEndian(rest, (ushort)bytes);
            rest = rest[(sizeof(ushort) + bytes)..];
        }

        public void Text(string? value)
        {
            if (value is null)
            {
                BinaryPrimitives.WriteInt32LittleEndian(rest, -1);
                rest = rest[sizeof(int)..];
                return;
            }
            int bytes = Utf8.GetBytes(value, rest[sizeof(int)..]);
            BinaryPrimitives.WriteInt32LittleEndian(rest, bytes);
            rest = rest[(sizeof(int) + bytes)..];
        }

        public void Embedding(float[] values)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(rest, (ushort)values.Length);
            rest = rest[sizeof(ushort)..];
            if (BitConverter.IsLittleEndian) MemoryMarshal.AsBytes(values.AsSpan()).CopyTo(rest);
            else
                for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(rest[(i * sizeof(float))..], values[i]);
            rest = rest[(values.Length * sizeof(float))..];
        }
    }

    private ref struct SpanReader(ReadOnlySpan<byte> span)
    {
        private ReadOnlySpan<byte> rest = span;

        public readonly bool AtEnd => rest.IsEmpty;

        public byte Byte() => Take(1)[0];

        public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Take(sizeof(long)));

        public string String() => Utf8.GetString(Take(BinaryPrimitives.ReadUInt16LittleEndian(Take(sizeof(ushort)))));

        public string? Text()
        {
            int bytes = BinaryPrimitives.ReadInt32LittleEndian(Take(sizeof(int)));
            if (bytes == -1) return null;
            if (bytes is < 0 or > MaxUserDataBytes)
                throw new InvalidDataException($"A gallery log record holds user data of {bytes} bytes: the log is corrupt.");
            return Utf8.GetString(Take(bytes));
        }

        public float[] Embedding()
        {
            int count = BinaryPrimitives.ReadUInt16LittleEndian(Take(sizeof(ushort)));
            ReadOnlySpan<byte> bytes = Take(count * sizeof(float));
            var values = new float[count];
            if (BitConverter.IsLittleEndian) bytes.CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
            else
                for (int i = 0; i < count; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * sizeof(float))..]);
            return values;
        }

        private ReadOnlySpan<byte> Take(int count)
        {
            if (count > rest.Length)
                throw new InvalidDataException("A gallery log record ends inside one of its fields: the log is corrupt.");
            ReadOnlySpan<byte> taken = rest[..count];
            rest = rest[count..];
            return taken;
        }
    }
}
