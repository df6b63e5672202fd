using Transcendence.LoadGenerator.Clients;
using Transcendence.LoadGenerator.Processes;
using Transcendence.LoadGenerator.Systems;

namespace Transcendence.LoadGenerator.Scenarios.Chat;

/// <summary>
/// (b)/(c) The app's real path: signed-in users (JWT on the connection), a public channel they joined over
/// HTTP, <c>SendMessage</c> on <c>/hubs/chat</c> (validation, membership, mute/ban/block checks, the
/// store write, then the broadcast skipping blockers).
/// </summary>
public sealed class TranscendenceChatSystem : IChatSystem
{
    private readonly TranscendenceApi _api;
    private int _rooms;

    private TranscendenceChatSystem(ServerProcess server, Store store)
    {
        Server = server;
        Name = $"Transcendence, {(store == Store.InMemory ? "in-memory" : "PostgreSQL")}";
        _api = new TranscendenceApi(server.BaseAddress);
    }

    public string Name { get; }

    public ServerProcess Server { get; }

    public static async Task<TranscendenceChatSystem> StartAsync(BenchContext context, Store store, CancellationToken ct) =>
        new(await TranscendenceServer.StartAsync(context, store, ct), store);

    public async Task<IChatRoom> OpenRoomAsync(int members, Func<int, DeliverySink> deliveries, CancellationToken cancellationToken, Action<int, RawHubConnection>? configure = null)
    {
        var room = Interlocked.Increment(ref _rooms);
        var users = await _api.SignInManyAsync($"fanout{room}m", members, cancellationToken);
        var channelId = await _api.CreatePublicChannelAsync(users[0], $"fanout{room}x{members}", cancellationToken);
        await _api.JoinManyAsync(channelId, users.Skip(1), cancellationToken);
        var connections = await RawHubConnections.StartManyAsync(
            new Uri(Server.BaseAddress, "/hubs/chat"),
            users.Select(user => (string?)user.AccessToken).ToArray(),
            (i, connection) =>
            {
                connection.OnRecord("MessageReceived", deliveries(i).OnRecord);
                configure?.Invoke(i, connection);
            },
            cancellationToken);
        return new Room(channelId, connections);
    }

    public async ValueTask DisposeAsync()
    {
        _api.Dispose();
        await Server.DisposeAsync();
    }

    private sealed class Room(Guid channelId, RawHubConnection[] connections) : IHubChatRoom
    {
        public int Members => connections.Length;

        public RawHubConnection Connection(int member) => connections[member];

        public Task SendAsync(int member, string text, string clientMessageId) =>
            connections[member].InvokeAsync("SendMessage", channelId, text, clientMessageId);

        public async ValueTask DisposeAsync() => await RawHubConnections.DisposeManyAsync(connections);
    }
}
