using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Shouldly;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Games;
using Transcendence.Web.Hosting;

namespace Transcendence.Web.IntegrationTests.Game;

/// <summary>The pump against a transport whose one client never takes its bytes: everyone else is still served.</summary>
[TestFixture]
public sealed class GameEffectsPumpTests
{
    [Test]
    public async Task A_client_that_stops_reading_does_not_hold_back_other_rooms_or_later_ticks()
    {
        var transport = new StuckClientTransport("stuck");
        var outbox = new GameOutbox();
        using var services = new ServiceCollection().BuildServiceProvider();
        using var followUps = new GameFollowUpWorker(
            services.GetRequiredService<IServiceScopeFactory>(), transport, new NoOutages(), NullLogger<GameFollowUpWorker>.Instance);
        using var pump = new GameEffectsPump(outbox, transport, new GameConnections(), followUps, NullLogger<GameEffectsPump>.Instance);
        await pump.StartAsync(CancellationToken.None);
        var otherRoom = Guid.CreateVersion7();

        outbox.Post([new SendToConnection("stuck", "State", 1), new SendToRoom(otherRoom, "State", 1)]);
        outbox.Post([new SendToConnection("stuck", "State", 2), new SendToRoom(otherRoom, "State", 2), new SendToRoom(otherRoom, "Ping", 3)]);

        await transport.RoomSends.WaitForCountAsync(3);
        transport.RoomSends.ShouldBe(["State 1", "State 2", "Ping 3"]);
        transport.StuckSends.ShouldBe(["State 1", "State 2"]);
        await pump.StopAsync(CancellationToken.None);
    }

    private sealed class NoOutages : IStoreOutages
    {
        public bool IsOutage(Exception exception) => false;
    }

    private sealed class StuckClientTransport(string stuckConnection) : IGameTransport
    {
        public SentLog RoomSends { get; } = new();

        public ConcurrentQueue<string> StuckSends { get; } = new();

        public Task ToConnectionAsync(string connectionId, string eventName, object payload, CancellationToken cancellationToken)
        {
            if (connectionId != stuckConnection)
            {
                return Task.CompletedTask;
            }

            // The socket never drains: this send never completes.
            StuckSends.Enqueue($"{eventName} {payload}");
            return new TaskCompletionSource().Task;
        }

        public Task ToRoomAsync(Guid roomId, string eventName, object payload, CancellationToken cancellationToken)
        {
            RoomSends.Add($"{eventName} {payload}");
            return Task.CompletedTask;
        }

        public Task ToUsersAsync(IReadOnlyCollection<Guid> userIds, string eventName, object payload, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task AddToRoomAsync(string connectionId, Guid roomId, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task RemoveFromRoomAsync(string connectionId, Guid roomId, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class SentLog : List<string>
    {
        private readonly SemaphoreSlim _added = new(0);

        public new void Add(string entry)
        {
            lock (this)
            {
                base.Add(entry);
            }

            _added.Release();
        }

        public async Task WaitForCountAsync(int count)
        {
            for (var i = 0; i < count; i++)
            {
                (await _added.WaitAsync(TimeSpan.FromSeconds(30))).ShouldBeTrue($"only {Count} of {count} sends reached the other room");
            }
        }
    }
}
