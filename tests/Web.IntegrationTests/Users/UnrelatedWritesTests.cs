using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Users;
using Transcendence.Infrastructure;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.Users;

/// <summary>
/// A command held inside its transaction (here: an avatar removal whose store write is made to wait)
/// holds up no unrelated command, on each store: the in-memory store's transactions lock nothing while
/// they run, PostgreSQL's lock only the rows they write.
/// </summary>
[TestFixture(StorageProvider.InMemory)]
[TestFixture(StorageProvider.Postgres)]
public sealed class UnrelatedWritesTests(StorageProvider provider)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly HeldWrites _held = new();
    private TranscendenceApp _app = null!;

    [SetUp]
    public async Task StartApp() => _app = await TranscendenceApp.StartAsync(provider, services: services =>
    {
        var store = services.Last(d => d.ServiceType == typeof(IAvatarStore));
        services.Remove(store);
        services.AddScoped<IAvatarStore>(sp => new HeldAvatarStore((IAvatarStore)ActivatorUtilities.CreateInstance(sp, store.ImplementationType!), _held));
    });

    [TearDown]
    public async Task StopApp()
    {
        _held.Release();
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
