// MSBuild inline task (see LibTorchSharp.Glibcxx.targets): marks one ELF version requirement as weak
// (VER_FLG_WEAK) so that ld.so does not refuse a library whose only need for that version is a symbol
// that is never called. Unless Always is set, skips the work where the system libstdc++ already provides the version.
// The tests compile this file too, to read the flags of a published library (VersionNeedFlags).
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;

public sealed class WeakenElfVersionNeed : Microsoft.Build.Utilities.Task
{
    /// <summary>VER_FLG_WEAK in vna_flags: a missing version is then a warning to ld.so, not an error.</summary>
    public const ushort VerFlagWeak = 0x2;

    private const uint ShtGnuVerneed = 0x6ffffffe;

    private static readonly string[] SystemLibStdCxx =
    {
        "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/usr/lib64/libstdc++.so.6",
        "/usr/lib/libstdc++.so.6",
    };

    [Required] public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();
    [Required] public string Version { get; set; } = "";

    /// <summary>Weaken whatever this machine's libstdc++ provides: the files are published for other machines.</summary>
    public bool Always { get; set; }

    public override bool Execute()
    {
        string? provider = Always ? null : Array.Find(SystemLibStdCxx, p => File.Exists(p) && Contains(File.ReadAllBytes(p), Version));
        if (provider != null)
        {
            Log.LogMessage(MessageImportance.Low, "{0} provides {1}; nothing to weaken.", provider, Version);
            return true;
        }

        foreach (ITaskItem item in Files)
        {
            string path = item.GetMetadata("FullPath");
            byte[] elf = File.ReadAllBytes(path);
            if (!IsElf64(elf))
            {
                Log.LogWarning("{0} is not a 64-bit ELF file; left as it is.", path);
                continue;
            }

            int changed = 0;
            foreach (int flags in FlagOffsets(elf, Version))
            {
                ushort value = BitConverter.ToUInt16(elf, flags);
                if ((value & VerFlagWeak) != 0) continue;
                BitConverter.GetBytes((ushort)(value | VerFlagWeak)).CopyTo(elf, flags);
                changed++;
            }
            if (changed > 0)
            {
                File.WriteAllBytes(path, elf);
                Log.LogMessage(MessageImportance.Normal, "Marked {0} weak in {1}.", Version, path);
            }
        }
        return !Log.HasLoggedErrors;
    }

    /// <summary>The vna_flags of every version requirement named <paramref name="version"/> (none if not a 64-bit ELF file).</summary>
    public static IReadOnlyList<ushort> VersionNeedFlags(byte[] elf, string version)
    {
        var flags = new List<ushort>();
        if (IsElf64(elf))
            foreach (int offset in FlagOffsets(elf, version))
                flags.Add(BitConverter.ToUInt16(elf, offset));
        return flags;
    }

    private static bool IsElf64(byte[] elf) =>
        elf.Length >= 64 && elf[0] == 0x7f && elf[1] == (byte)'E' && elf[2] == (byte)'L' && elf[3] == (byte)'F' && elf[4] == 2;

    /// <summary>The file offsets of the vna_flags of the .gnu.version_r entries named <paramref name="version"/>.</summary>
    private static List<int> FlagOffsets(byte[] elf, string version)
    {
        long sectionHeaders = (long)BitConverter.ToUInt64(elf, 0x28);
        int entrySize = BitConverter.ToUInt16(elf, 0x3A);
        int count = BitConverter.ToUInt16(elf, 0x3C);
        byte[] wanted = Encoding.ASCII.GetBytes(version);
        var offsets = new List<int>();

        for (int i = 0; i < count; i++)
        {
            long header = sectionHeaders + (long)i * entrySize;
            if (BitConverter.ToUInt32(elf, (int)header + 4) != ShtGnuVerneed) continue;

            long offset = (long)BitConverter.ToUInt64(elf, (int)header + 0x18);
            int link = (int)BitConverter.ToUInt32(elf, (int)header + 0x28);
            int needCount = (int)BitConverter.ToUInt32(elf, (int)header + 0x2C);
            long strings = (long)BitConverter.ToUInt64(elf, (int)(sectionHeaders + (long)link * entrySize) + 0x18);

            for (int n = 0; n < needCount; n++)
            {
                int auxCount = BitConverter.ToUInt16(elf, (int)offset + 2);
                long aux = offset + BitConverter.ToUInt32(elf, (int)offset + 8);
                for (int a = 0; a < auxCount; a++)
                {
                    if (NameEquals(elf, strings + BitConverter.ToUInt32(elf, (int)aux + 8), wanted))
                        offsets.Add((int)aux + 4);
                    aux += BitConverter.ToUInt32(elf, (int)aux + 12);
                }
                offset += BitConverter.ToUInt32(elf, (int)offset + 12);
            }
        }
        return offsets;
    }

    private static bool NameEquals(byte[] elf, long at, byte[] wanted)
    {
        for (int i = 0; i < wanted.Length; i++)
            if (elf[at + i] != wanted[i]) return false;
        return elf[at + wanted.Length] == 0;
    }

    private static bool Contains(byte[] haystack, string needle)
    {
        byte[] n = Encoding.ASCII.GetBytes(needle + "\0");
        for (long start = 0; start + n.Length <= haystack.Length; start++)
            if (haystack[start] == n[0] && NameEquals(haystack, start, Encoding.ASCII.GetBytes(needle)))
                return true;
        return false;
    }
}
