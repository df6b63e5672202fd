namespace Transcendence.Application.Common.Ports;

/// <summary>Answers whether the store can serve requests right now (readiness).</summary>
public interface IStoreProbe
{
    /// <summary>Completes when the store answered a real query; throws when it cannot.</summary>
    Task CheckAsync(CancellationToken cancellationToken);
}
