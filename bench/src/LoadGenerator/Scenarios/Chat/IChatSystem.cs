using Transcendence.LoadGenerator.Clients;
using Transcendence.LoadGenerator.Measurement;
using Transcendence.LoadGenerator.Processes;

namespace Transcendence.LoadGenerator.Scenarios.Chat;

/// <summary>A system the fan-out scenario drives: a server process and a way to fill a room with members.</summary>
public interface IChatSystem : IAsyncDisposable
{
    string Name { get; }

    ServerProcess Server { get; }

    /// <summary>App instances serving the members (round-robin); more than one means on Redis.</summary>
    int Instances => 1;

    /// <summary>Whether the system runs on Redis (scaled out, or one instance with the bus on).</summary>
    bool OnRedis => false;

    /// <summary>A window on every process serving the system: its app instance(s) and, scaled out, redis-server.</summary>
    ServerMeter StartMeter() => ServerMeter.Start(Server);

    /// <summary>
    /// One room with <paramref name="members"/> members, each on its own WebSocket connection, all
    /// connected. Every message member i receives is passed to <paramref name="deliveries"/>(i),
    /// on the connection's receive thread. SignalR systems pass each member's connection to
    /// <paramref name="configure"/> before it connects (the socket.io peer has none to pass).
    /// </summary>
    Task<IChatRoom> OpenRoomAsync(int members, Func<int, DeliverySink> deliveries, CancellationToken cancellationToken, Action<int, RawHubConnection>? configure = null);
}

public static class ChatSystemExtensions
{
    /// <summary>A room whose members all deliver to one sink.</summary>
    public static Task<IChatRoom> OpenRoomAsync(this IChatSystem system, int members, DeliverySink deliveries, CancellationToken cancellationToken) =>
        system.OpenRoomAsync(members, _ => deliveries, cancellationToken);
}

public interface IChatRoom : IAsyncDisposable
{
    int Members { get; }

    /// <summary>Member <paramref name="member"/> says <paramref name="text"/>; completes when the server acknowledges it.</summary>
    Task SendAsync(int member, string text, string clientMessageId);
}

/// <summary>A room of a SignalR system, whose members' connections a scenario can reach (to stop one reading).</summary>
public interface IHubChatRoom : IChatRoom
{
    RawHubConnection Connection(int member);
}
