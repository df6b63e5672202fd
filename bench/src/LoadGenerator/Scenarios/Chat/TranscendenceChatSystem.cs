using Transcendence.LoadGenerator.Clients;
using Transcendence.LoadGenerator.Measurement;
using Transcendence.LoadGenerator.Processes;
using Transcendence.LoadGenerator.Systems;

namespace Transcendence.LoadGenerator.Scenarios.Chat;

/// <summary>
/// (b)/(c) The app's real path: signed-in users (JWT on the connection), a public channel they joined over
/// HTTP, <c>SendMessage</c> on <c>/hubs/chat</c> (validation, membership, mute/ban/block checks, the
/// store write, then the broadcast skipping blockers). Scaled out, member i of the r-th room connects to instance
/// (i + r) mod N, so each room's senders (its first members) and receivers are spread over every instance, and
/// the rooms' first members are too.
/// </summary>
public sealed class TranscendenceChatSystem : IChatSystem
{
    private readonly TranscendenceDeployment _deployment;
    private readonly TranscendenceApi _api;
    private int _rooms;

    private TranscendenceChatSystem(TranscendenceDeployment deployment, Store store)
    {
        _deployment = deployment;
        Store = store;
        Name = $"Transcendence, {(store == Store.InMemory ? "in-memory" : "PostgreSQL")}{deployment.Suffix}";
        _api = new TranscendenceApi(deployment.First.BaseAddress);
    }

    public string Name { get; }

    /// <summary>Instance 1 (the only one unless scaled out).</summary>
    public ServerProcess Server => _deployment.First;

    public int Instances => _deployment.Instances.Count;

    public bool OnRedis => _deployment.Redis is not null;

    public Store Store { get; }

    public ServerMeter StartMeter() => _deployment.StartMeter();

    public static Task<TranscendenceChatSystem> StartAsync(BenchContext context, Store store, CancellationToken ct) =>
        StartAsync(context, store, 1, redis: false, ct);

    public static async Task<TranscendenceChatSystem> StartAsync(BenchContext context, Store store, int instances, bool redis, CancellationToken ct) =>
        new(await TranscendenceDeployment.StartAsync(context, store, instances, redis, ct), store);

    public async Task<IChatRoom> OpenRoomAsync(int members, Func<int, DeliverySink> deliveries, CancellationToken cancellationToken, Action<int, RawHubConnection>? configure = null)
    {
        var room = Interlocked.Increment(ref _rooms);
        var users = await _api.SignInManyAsync($"fanout{room}m", members, cancellationToken);
        var channelId = await _api.CreatePublicChannelAsync(users[0], $"fanout{room}x{members}", cancellationToken);
        await _api.JoinManyAsync(channelId, users.Skip(1), cancellationToken);
        var connections = await RawHubConnections.StartManyAsync(
            i => new Uri(_deployment.AddressOf(i + room), "/hubs/chat"),
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
        await _deployment.DisposeAsync();
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
