namespace Transcendence.Application.Common.Ports;

/// <summary>
/// Tells a store that is down or overloaded (unreachable, a command or pool wait that timed out) from a
/// bug: the first is worth a retry (<c>unavailable</c>, 503), the second is not (<c>internal</c>, 500).
/// </summary>
public interface IStoreOutages
{
    bool IsOutage(Exception exception);
}
