using Transcendence.LoadGenerator.Clients;
using Transcendence.LoadGenerator.Processes;
using Transcendence.LoadGenerator.SocketIo;
using Transcendence.LoadGenerator.Systems;

namespace Transcendence.LoadGenerator.Scenarios.Chat;

/// <summary>(d) NestJS + socket.io: <c>join</c> a room, <c>send</c> broadcasts <c>messageReceived</c> to it.</summary>
public sealed class NestChatSystem : IChatSystem
{
    private int _rooms;

    private NestChatSystem(ServerProcess server) => Server = server;

    public string Name => "NestJS + socket.io";

    public ServerProcess Server { get; }

    public static async Task<NestChatSystem> StartAsync(BenchContext context, CancellationToken ct) =>
        new(await NestPeerServer.StartAsync(context, ct));

    public async Task<IChatRoom> OpenRoomAsync(int members, Func<int, DeliverySink> deliveries, CancellationToken cancellationToken, Action<int, RawHubConnection>? configure = null)
    {
        var room = $"room-{Interlocked.Increment(ref _rooms)}";
        var clients = new SocketIoClient[members];
        try
        {
            await Parallel.ForAsync(0, members, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken }, async (i, token) =>
            {
                var client = await SocketIoClient.ConnectAsync(Server.BaseAddress, token);
                clients[i] = client;
                var sink = deliveries(i);
                client.On("messageReceived", message => sink.OnText(message.GetProperty("text").GetString()!));
                await client.EmitWithAckAsync("join", new { room, userId = Guid.CreateVersion7(), displayName = $"member{i}" }, token);
            });
        }
        catch
        {
            await DisposeAllAsync(clients);
            throw;
        }

        return new Room(room, clients);
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private static async Task DisposeAllAsync(SocketIoClient?[] clients) =>
        await Parallel.ForEachAsync(clients, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (client, _) =>
        {
            if (client is not null)
            {
                await client.DisposeAsync();
            }
        });

    private sealed class Room(string name, SocketIoClient[] clients) : IChatRoom
    {
        public int Members => clients.Length;

        public Task SendAsync(int member, string text, string clientMessageId) =>
            clients[member].EmitWithAckAsync("send", new { room = name, text, clientMessageId }, CancellationToken.None);

        public async ValueTask DisposeAsync() => await DisposeAllAsync(clients);
    }
}
