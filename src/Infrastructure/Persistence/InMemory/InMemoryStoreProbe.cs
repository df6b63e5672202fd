using Transcendence.Application.Common.Ports;

namespace Transcendence.Infrastructure.Persistence.InMemory;

/// <summary>The in-memory store lives in the process: if the process answers, the store does.</summary>
public sealed class InMemoryStoreProbe : IStoreProbe
{
    public Task CheckAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
