using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Channels;
using Transcendence.Domain.Users;
using Transcendence.Infrastructure;
using Transcendence.Web.IntegrationTests.Chat;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.Users;

/// <summary>
/// A command held inside its transaction (here: an avatar removal whose store write is made to wait)
/// holds up no unrelated command, on each store: the in-memory store's transactions lock nothing while
/// they run, PostgreSQL's lock only the rows they write. And slow work (a channel password's hash, made
/// to wait here) runs before the transaction, so it holds up nobody either.
/// </summary>
[TestFixture(StorageProvider.InMemory)]
[TestFixture(StorageProvider.Postgres)]
public sealed class UnrelatedWritesTests(StorageProvider provider)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private const string HeldPassword = "held-password";

    private HeldWrites _held = null!;
    private HeldWrites _hashing = null!;
    private TranscendenceApp _app = null!;

    [SetUp]
    public async Task StartApp()
    {
        _held = new HeldWrites();
        _hashing = new HeldWrites();
        _app = await TranscendenceApp.StartAsync(provider, services: HoldSlowPorts);
    }

    private void HoldSlowPorts(IServiceCollection services)
    {
        var store = services.Last(d => d.ServiceType == typeof(IAvatarStore));
        services.Remove(store);
        services.AddScoped<IAvatarStore>(sp => new HeldAvatarStore((IAvatarStore)ActivatorUtilities.CreateInstance(sp, store.ImplementationType!), _held));
        var hasher = services.Last(d => d.ServiceType == typeof(IChannelPasswordHasher));
        services.Remove(hasher);
        services.AddSingleton<IChannelPasswordHasher>(sp => new HeldHasher((IChannelPasswordHasher)ActivatorUtilities.CreateInstance(sp, hasher.ImplementationType!), _hashing));
    }

    [TearDown]
    public async Task StopApp()
    {
        _held.Release();
        _hashing.Release();
        await _app.DisposeAsync();
    }

    [Test]
    public async Task A_command_held_inside_its_transaction_does_not_hold_up_an_unrelated_rename()
    {
        var alice = await ApiClient.LoginAsync(_app, "alice");
        var bob = await ApiClient.LoginAsync(_app, "bob");

        var removal = alice.Http.DeleteAsync("/api/users/me/avatar");
        await _held.Entered.WaitAsync(Deadline);

        // Alice's removal has written inside its transaction and waits there, uncommitted.
        var renamed = await bob.Http.PatchAsJsonAsync("/api/users/me", new { displayName = "Bobby" }).WaitAsync(Deadline);
        (await renamed.ReadJsonAsync(HttpStatusCode.OK))["displayName"]!.GetValue<string>().ShouldBe("Bobby");
        var renamedAlice = await alice.Http.PatchAsJsonAsync("/api/users/me", new { displayName = "Ally" }).WaitAsync(Deadline);
        renamedAlice.StatusCode.ShouldBe(HttpStatusCode.OK, "her own profile is another row than her avatar");
        removal.IsCompleted.ShouldBeFalse();

        _held.Release();
        (await removal.WaitAsync(Deadline)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Test]
    public async Task A_channel_password_being_hashed_holds_up_no_message_to_the_channel()
    {
        var owner = await ApiClient.LoginAsync(_app, "owner");
        var member = await ApiClient.LoginAsync(_app, "member");
        var channelId = await owner.CreateChannelAsync("busy");
        await member.JoinOkAsync(channelId);
        await using var hub = await _app.ConnectChatAsync(member);

        var change = owner.Http.PatchAsJsonAsync($"/api/channels/{channelId}", new { visibility = "protected", password = HeldPassword });
        await _hashing.Entered.WaitAsync(Deadline);

        // The owner's password is being hashed, slowly: the member's message goes through meanwhile.
        (await hub.SendAsync(channelId, "still flowing").WaitAsync(Deadline))["messageId"].ShouldNotBeNull();
        change.IsCompleted.ShouldBeFalse();

        _hashing.Release();
        (await (await change.WaitAsync(Deadline)).ReadJsonAsync(HttpStatusCode.OK))["visibility"]!.GetValue<string>().ShouldBe("protected");
    }

    /// <summary>Where the held write waits: <see cref="Entered"/> once it has written, until <see cref="Release"/>.</summary>
    private sealed class HeldWrites
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Entered => _entered.Task;

        public async Task HoldAsync()
        {
            _entered.TrySetResult();
            await _released.Task;
        }

        public void Release() => _released.TrySetResult();
    }

    /// <summary>The app's own hasher, whose hashing of <see cref="HeldPassword"/> waits (blocking, as PBKDF2 does) until released.</summary>
    private sealed class HeldHasher(IChannelPasswordHasher inner, HeldWrites held) : IChannelPasswordHasher
    {
        public string Hash(string password)
        {
            if (password == HeldPassword)
            {
                held.HoldAsync().Wait();
            }

            return inner.Hash(password);
        }

        public bool Verify(string hash, string password) => inner.Verify(hash, password);

        public bool NeedsRehash(string hash) => inner.NeedsRehash(hash);
    }

    /// <summary>The app's own avatar store, whose removal waits after writing, inside the command's transaction.</summary>
    private sealed class HeldAvatarStore(IAvatarStore inner, HeldWrites held) : IAvatarStore
    {
        public Task<Avatar?> FindAsync(Guid userId, CancellationToken cancellationToken) => inner.FindAsync(userId, cancellationToken);

        public Task SaveAsync(Avatar avatar, CancellationToken cancellationToken) => inner.SaveAsync(avatar, cancellationToken);

        public async Task<bool> RemoveAsync(Guid userId, CancellationToken cancellationToken)
        {
            var removed = await inner.RemoveAsync(userId, cancellationToken);
            await held.HoldAsync();
            return removed;
        }
    }
}
