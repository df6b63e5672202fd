using Microsoft.Extensions.DependencyInjection;
using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Channels;
using Transcendence.Domain.Users;
using Transcendence.TestSupport;

namespace Transcendence.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// A measurement, not a test (it asserts nothing, so it runs only when asked by name): the bytes the
/// in-memory store allocates for one chat send through its repositories (idempotency lookup, sender,
/// channel, insert, blockers, in one unit of work), with a short and a long history. Run with
/// <c>dotnet test tests/Infrastructure.IntegrationTests --filter FullyQualifiedName~SendAllocationProbe
/// --logger "console;verbosity=detailed"</c>; docs/performance.md quotes its figures.
/// </summary>
[Explicit("a measurement for docs/performance.md, not a test")]
public sealed class SendAllocationProbe
{
    [Test]
    public async Task Measure()
    {
        await using var store = await StoreHarness.StartAsync(StorageProvider.InMemory);
        var now = DateTimeOffset.UtcNow;
        var alice = User.Register("alice", DisplayName.Parse("alice"), now);
        var bob = User.Register("bob", DisplayName.Parse("bob"), now);
        await store.WithAsync<IUserRepository>(u => u.AddAsync(alice, CancellationToken.None));
        await store.WithAsync<IUserRepository>(u => u.AddAsync(bob, CancellationToken.None));
        var channel = Channel.Create(alice, "general", ChannelVisibility.Public, null, null!, now);
        channel.Join(bob, null, null!, now);
        await store.WithAsync<IChannelRepository>(c => c.AddAsync(channel, CancellationToken.None));
        var i = 0;
        async Task SendAsync()
        {
            await using var scope = store.NewScope();
            var sp = scope.ServiceProvider;
            var work = sp.GetRequiredService<IUnitOfWork>();
            await work.BeginAsync(CancellationToken.None);
            var cid = "c" + i++;
            await sp.GetRequiredService<IMessageRepository>().FindBySenderAndClientIdAsync(alice.Id, cid, CancellationToken.None);
            var sender = await sp.GetRequiredService<IUserRepository>().FindByIdAsync(alice.Id, CancellationToken.None);
            var ch = await sp.GetRequiredService<IChannelRepository>().FindByIdForReadingAsync(channel.Id, CancellationToken.None);
            var message = ch!.Post(sender!, "hello there", cid, now.AddTicks(i * 10));
            await sp.GetRequiredService<IMessageRepository>().AddAsync(message, CancellationToken.None);
            await sp.GetRequiredService<IBlockLookup>().BlockersOfAsync(alice.Id, CancellationToken.None);
            await work.CommitAsync(CancellationToken.None);
        }

        foreach (var (history, measured) in new[] { (0, 2000), (20000, 2000) })
        {
            while (i < history)
            {
                await SendAsync();
            }

            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var n = 0; n < measured; n++)
            {
                await SendAsync();
            }

            var after = GC.GetAllocatedBytesForCurrentThread();
            await TestContext.Out.WriteLineAsync($"history {history}: {(after - before) / measured} bytes per send");
        }
    }
}
