using Transcendence.LoadGenerator.Clients;
using Transcendence.LoadGenerator.Processes;
using Transcendence.LoadGenerator.Systems;

namespace Transcendence.LoadGenerator.Scenarios.Chat;

/// <summary>(a) The framework's floor: a SignalR hub that joins a group and broadcasts to it.</summary>
public sealed class BareChatSystem : IChatSystem
{
    private int _rooms;

    private BareChatSystem(ServerProcess server) => Server = server;

    public string Name => "bare SignalR hub";

    public ServerProcess Server { get; }

    public static async Task<BareChatSystem> StartAsync(BenchContext context, CancellationToken ct) =>
        new(await BareSignalRServer.StartAsync(context, ct));

    public async Task<IChatRoom> OpenRoomAsync(int members, Func<int, DeliverySink> deliveries, CancellationToken cancellationToken, Action<int, RawHubConnection>? configure = null)
    {
        var room = $"room-{Interlocked.Increment(ref _rooms)}";
        var connections = await RawHubConnections.StartManyAsync(
            new Uri(Server.BaseAddress, "/hubs/bare"),
            new string?[members],
            (i, connection) =>
            {
                connection.OnRecord("MessageReceived", deliveries(i).OnRecord);
                configure?.Invoke(i, connection);
            },
            cancellationToken);
        await Parallel.ForAsync(0, members, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken },
            async (i, _) => await connections[i].InvokeAsync("Join", room, Guid.CreateVersion7(), $"member{i}"));
        return new Room(room, connections);
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private sealed class Room(string name, RawHubConnection[] connections) : IHubChatRoom
    {
        public int Members => connections.Length;

        public RawHubConnection Connection(int member) => connections[member];

        public Task SendAsync(int member, string text, string clientMessageId) =>
            connections[member].InvokeAsync("Send", name, text, clientMessageId);

        public async ValueTask DisposeAsync() => await RawHubConnections.DisposeManyAsync(connections);
    }
}
