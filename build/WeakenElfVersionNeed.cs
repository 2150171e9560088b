// MSBuild inline task (see LibTorchSharp.Glibcxx.targets): marks one ELF version requirement as weak
// (VER_FLG_WEAK) so that ld.so does not refuse a library whose only need for that version is a symbol
// that is never called. Skips the work where the system libstdc++ already provides the version.
using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class WeakenElfVersionNeed : Task
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlagWeak = 0x2;

    private static readonly string[] SystemLibStdCxx =
    {
        "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/usr/lib64/libstdc++.so.6",
        "/usr/lib/libstdc++.so.6",
    };

    [Required] public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();
    [Required] public string Version { get; set; } = "";

    public override bool Execute()
    {
        string provider = Array.Find(SystemLibStdCxx, p => File.Exists(p) && Contains(File.ReadAllBytes(p), Version));
        if (provider != null)
        {
            Log.LogMessage(MessageImportance.Low, "{0} provides {1}; nothing to weaken.", provider, Version);
            return true;
        }

        foreach (ITaskItem item in Files)
        {
            string path = item.GetMetadata("FullPath");
            byte[] elf = File.ReadAllBytes(path);
            int patched = Weaken(elf, Version);
            if (patched > 0)
            {
                File.WriteAllBytes(path, elf);
                Log.LogMessage(MessageImportance.Normal, "Marked {0} weak in {1} (system libstdc++ lacks it).", Version, path);
            }
        }
        return !Log.HasLoggedErrors;
    }

    /// <summary>Sets VER_FLG_WEAK on every vernaux entry named <paramref name="version"/>; returns how many changed.</summary>
    private int Weaken(byte[] elf, string version)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F' || elf[4] != 2)
        {
            Log.LogWarning("Not a 64-bit ELF file; left as it is.");
            return 0;
        }

        long sectionHeaders = (long)BitConverter.ToUInt64(elf, 0x28);
        int entrySize = BitConverter.ToUInt16(elf, 0x3A);
        int count = BitConverter.ToUInt16(elf, 0x3C);
        byte[] wanted = Encoding.ASCII.GetBytes(version);
        int changed = 0;

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
                    long name = strings + BitConverter.ToUInt32(elf, (int)aux + 8);
                    if (NameEquals(elf, name, wanted))
                    {
                        ushort flags = BitConverter.ToUInt16(elf, (int)aux + 4);
                        if ((flags & VerFlagWeak) == 0)
                        {
                            BitConverter.GetBytes((ushort)(flags | VerFlagWeak)).CopyTo(elf, (int)aux + 4);
                            changed++;
                        }
                    }
                    aux += BitConverter.ToUInt32(elf, (int)aux + 12);
                }
                offset += BitConverter.ToUInt32(elf, (int)offset + 12);
            }
        }
        return changed;
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
