using System.Text.Json;
using Transcendence.LoadGenerator.Measurement;
using Transcendence.LoadGenerator.Processes;

namespace Transcendence.LoadGenerator.Scenarios.ChatChannels;

/// <summary>
/// A socket.io server (the plain one or the NestJS gateway) whose members are socket.io's official client,
/// in the driver process; the load generator reads the server's and the driver's CPU around the driver's window.
/// </summary>
public sealed class SocketIoChannelsSystem(string name, ServerProcess server, SocketIoDriver driver) : IChannelsSystem
{
    public string Name => name;

    public static async Task<SocketIoChannelsSystem> OpenAsync(
        string name, ServerProcess server, BenchContext context, int channels, int members, CancellationToken cancellationToken)
    {
        try
        {
            return new SocketIoChannelsSystem(name, server, await SocketIoDriver.StartAsync(context, server.BaseAddress, channels, members, cancellationToken));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public Task<WindowResult> AtRateAsync(double messagesPerSecond, TimeSpan warmup, TimeSpan measure, CancellationToken cancellationToken) =>
        RunAsync(new { cmd = "rate", perSecond = messagesPerSecond, warmup = warmup.TotalSeconds, measure = measure.TotalSeconds }, latency: true, cancellationToken);

    public Task<WindowResult> SaturateAsync(int window, TimeSpan warmup, TimeSpan measure, CancellationToken cancellationToken) =>
        RunAsync(new { cmd = "saturate", window, warmup = warmup.TotalSeconds, measure = measure.TotalSeconds }, latency: false, cancellationToken);

    private async Task<WindowResult> RunAsync(object command, bool latency, CancellationToken cancellationToken)
    {
        ServerMeter? serverMeter = null;
        ServerMeter? loadMeter = null;
        (double Wall, double Cpu) serverWindow = default, loadWindow = default;
        var result = await driver.RunAsync(command,
            () =>
            {
                serverMeter = ServerMeter.Start(server);
                loadMeter = ServerMeter.Start(driver.Pid);
            },
            () =>
            {
                serverWindow = serverMeter!.Stop();
                loadWindow = loadMeter!.Stop();
            },
            cancellationToken);
        var percentiles = latency && result.GetProperty("p99").ValueKind == JsonValueKind.Number
            ? new Percentiles(0, Ms("p50"), Ms("p99"), Ms("p999"), Ms("max"))
            : null;
        return new WindowResult(result.GetProperty("deliveries").GetInt64(), result.GetProperty("wallSeconds").GetDouble(), serverWindow.Cpu,
            loadWindow.Cpu, percentiles, result.GetProperty("undelivered").GetInt64(), result.GetProperty("failed").GetInt64());

        double Ms(string key) => result.GetProperty(key).GetDouble();
    }

    public async ValueTask DisposeAsync()
    {
        await driver.DisposeAsync();
        await server.DisposeAsync();
    }
}
