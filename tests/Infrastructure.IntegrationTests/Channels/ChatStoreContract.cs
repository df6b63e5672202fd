using Microsoft.Extensions.DependencyInjection;
using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Channels;
using Transcendence.Domain.Users;
using Transcendence.TestSupport;

namespace Transcendence.Infrastructure.IntegrationTests.Channels;

/// <summary>What the chat contract fixtures share: a fresh store per test, users to refer to, scoped calls.</summary>
public abstract class ChatStoreContract
{
    protected static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 24, 10, 0, 0, 123, TimeSpan.Zero).AddTicks(4567);

    protected static readonly IChannelPasswordHasher Hasher = new PlainHasher();

    private StoreHarness _store = null!;

    protected abstract StorageProvider Provider { get; }

    protected StoreHarness Store => _store;

    [SetUp]
    public async Task StartStore() => _store = await StoreHarness.StartAsync(Provider);

    [TearDown]
    public async Task StopStore() => await _store.DisposeAsync();

    protected async Task<User> AddUserAsync(string name)
    {
        var user = User.Register(name, DisplayName.Parse(name), Now);
        await WithAsync<IUserRepository>(users => users.AddAsync(user, CancellationToken.None));
        return user;
    }

    protected Task<T> WithAsync<TService, T>(Func<TService, Task<T>> work)
        where TService : notnull =>
        _store.WithAsync(work);

    protected Task WithAsync<TService>(Func<TService, Task> work)
        where TService : notnull =>
        _store.WithAsync(work);

    protected Task<Channel> AddChannelAsync(Channel channel) =>
        WithAsync<IChannelRepository, Channel>(channels => channels.AddAsync(channel, CancellationToken.None));

    protected Task UpdateChannelAsync(Channel channel) =>
        WithAsync<IChannelRepository>(channels => channels.UpdateAsync(channel, CancellationToken.None));

    protected Task<Channel?> FindChannelAsync(Guid id) =>
        WithAsync<IChannelRepository, Channel?>(channels => channels.FindByIdAsync(id, CancellationToken.None));

    /// <summary>Readable and cheap; the real hasher has tests of its own.</summary>
    private sealed class PlainHasher : IChannelPasswordHasher
    {
        public string Hash(string password) => "plain:" + password;

        public bool Verify(string hash, string password) => hash == "plain:" + password;

        public bool NeedsRehash(string hash) => false;
    }
}
