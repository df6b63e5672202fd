using System.Runtime.InteropServices;

namespace Transcendence.LoadGenerator.Reporting;

/// <summary>The machine the figures were taken on: they mean nothing without it.</summary>
public sealed record MachineInfo(string Cpu, int Cores, double MemoryGiB, string Os, string Runtime)
{
    public static MachineInfo Read()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown"
            : "unknown";
        var memory = File.Exists("/proc/meminfo")
            ? double.Parse(File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024 / 1024
            : 0;
        return new MachineInfo(cpu, Environment.ProcessorCount, Math.Round(memory, 1), RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription);
    }

    public override string ToString() => $"{Cores} cores ({Cpu}), {MemoryGiB} GiB, {Os}, {Runtime}";
}
