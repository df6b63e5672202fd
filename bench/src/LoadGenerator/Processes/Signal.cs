using System.Runtime.InteropServices;

namespace Transcendence.LoadGenerator.Processes;

internal static partial class Signal
{
    private const int SigTerm = 15;

    public static int Terminate(int pid) => Kill(pid, SigTerm);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
