using Transcendence.LoadGenerator.Processes;

namespace Transcendence.LoadGenerator.Scenarios.Chat;

/// <summary>A system the fan-out scenario drives: a server process and a way to fill a room with members.</summary>
public interface IChatSystem : IAsyncDisposable
{
    string Name { get; }

    ServerProcess Server { get; }

    /// <summary>
    /// One room with <paramref name="members"/> members, each on its own WebSocket connection, all
    /// connected. Every message any member receives is passed to <paramref name="deliveries"/>,
    /// on the connection's receive thread.
    /// </summary>
    Task<IChatRoom> OpenRoomAsync(int members, DeliverySink deliveries, CancellationToken cancellationToken);
}

public interface IChatRoom : IAsyncDisposable
{
    int Members { get; }

    /// <summary>Member <paramref name="member"/> says <paramref name="text"/>; completes when the server acknowledges it.</summary>
    Task SendAsync(int member, string text, string clientMessageId);
}
