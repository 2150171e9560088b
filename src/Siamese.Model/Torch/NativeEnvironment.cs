using System.Runtime.InteropServices;

namespace Siamese.Model.Torch;

/// <summary>
/// Environment variables that LibTorch and its libraries (MKL, oneDNN, OpenMP) read. .NET's
/// <see cref="Environment.SetEnvironmentVariable(string, string)"/> does not reach native code on Linux, so a variable is
/// set with libc's setenv as well; either way it must be set before the first torch call that reads it.
/// </summary>
public static class NativeEnvironment
{
    /// <summary>Sets <paramref name="name"/> for native code and for child processes, unless it is set already.</summary>
    /// <returns>Whether it was set here.</returns>
    public static bool SetIfUnset(string name, string value)
    {
        if (Environment.GetEnvironmentVariable(name) is not null) return false;
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) _ = SetEnvironment(name, value, overwrite: 0);
        Environment.SetEnvironmentVariable(name, value);
        return true;
    }

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetEnvironment(
        [MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);
}
