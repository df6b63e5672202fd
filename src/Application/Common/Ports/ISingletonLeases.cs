namespace Transcendence.Application.Common.Ports;

/// <summary>
/// Work that must run once for the whole app, however many instances serve it (the restriction sweeper):
/// it runs only while this instance holds the named lease. One instance alone: always held. Several
/// (scale-out): one holds it at a time; when the holder stops, loses Redis or dies, another takes over
/// within a bounded time (<c>ScaleOut:LeaseTtl</c>).
/// </summary>
public interface ISingletonLeases
{
    /// <summary>
    /// Waits until this instance holds the lease <paramref name="name"/>, then runs <paramref name="work"/>
    /// with a token cancelled when the lease is lost or <paramref name="stoppingToken"/> fires. A lost lease
    /// cancels the work, waits for it to end and waits to hold the lease again; work that ends on its own
    /// (or throws) releases the lease and ends this call the same way. Returns when stopping, after release.
    /// </summary>
    Task RunWhileHeldAsync(string name, Func<CancellationToken, Task> work, CancellationToken stoppingToken);
}
