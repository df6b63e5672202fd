using System.Runtime.InteropServices;

namespace Transcendence.TestSupport;

/// <summary>
/// Keeps the test process's open descriptors out of the processes the kits start (redis-server, pg_ctl's
/// postgres, app processes, scripts). .NET marks the descriptors it opens close-on-exec, but not those the test
/// process inherited (a pipe of <c>dotnet test</c>'s caller, such as a CI step or <c>./test.sh | tee</c>) nor
/// handles made inheritable: a child would hold them, and a child that outlives a killed test process would keep
/// that caller waiting for end-of-file for ever. Call it just before starting a child (Linux; elsewhere it does nothing).
/// </summary>
public static class InheritedDescriptors
{
    private const int GetFlags = 1; // F_GETFD
    private const int SetFlags = 2; // F_SETFD
    private const int CloseOnExec = 1; // FD_CLOEXEC

    /// <summary>Marks every open descriptor above stderr close-on-exec.</summary>
    public static void KeepFromChildren()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        foreach (var entry in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            if (int.TryParse(Path.GetFileName(entry), out var descriptor) && descriptor > 2)
            {
                var flags = Fcntl(descriptor, GetFlags, 0);
                if (flags >= 0 && (flags & CloseOnExec) == 0)
                {
                    _ = Fcntl(descriptor, SetFlags, flags | CloseOnExec);
                }
            }
        }
    }

    // DllImport, not LibraryImport: ints only, nothing to marshal, and no unsafe blocks for the generated stub.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "fcntl")]
    private static extern int Fcntl(int descriptor, int command, int argument);
#pragma warning restore SYSLIB1054
}
