using Microsoft.AspNetCore.SignalR.Client;
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

    public async Task<IChatRoom> OpenRoomAsync(int members, Action<string> onDelivered, CancellationToken cancellationToken)
    {
        var room = $"room-{Interlocked.Increment(ref _rooms)}";
        var connections = Enumerable.Range(0, members).Select(_ => HubConnections.Build(Server.BaseAddress, "/hubs/bare", accessToken: null)).ToArray();
        foreach (var connection in connections)
        {
            connection.On<MessageText>("MessageReceived", message => onDelivered(message.Text));
        }

        await HubConnections.StartManyAsync(connections, cancellationToken);
        await Parallel.ForAsync(0, members, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken },
            async (i, token) => await connections[i].InvokeAsync("Join", room, Guid.CreateVersion7(), $"member{i}", token));
        return new Room(room, connections);
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private sealed class Room(string name, HubConnection[] connections) : IChatRoom
    {
        public int Members => connections.Length;

        public Task SendAsync(int member, string text, string clientMessageId) =>
            connections[member].InvokeAsync<object>("Send", name, text, clientMessageId);

        public async ValueTask DisposeAsync() => await HubConnections.DisposeManyAsync(connections);
    }
}
