using Microsoft.Extensions.DependencyInjection;
using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Users;
using Transcendence.TestSupport;

namespace Transcendence.Infrastructure.IntegrationTests.Avatars;

/// <summary>What every <see cref="IAvatarStore"/> promises; run against both stores so they cannot drift.</summary>
public abstract class AvatarStoreContract
{
    private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 24, 10, 0, 0, 123, TimeSpan.Zero).AddTicks(4567);

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0xFF, 0x7F];
    private static readonly byte[] Gif = "GIF89a\x01\x00\x01\x00"u8.ToArray();

    private StoreHarness _store = null!;
    private User _alice = null!;

    protected abstract StorageProvider Provider { get; }

    [SetUp]
    public async Task StartStore()
    {
        _store = await StoreHarness.StartAsync(Provider);
        _alice = User.Register("alice", DisplayName.Parse("alice"), Now);
        await using var scope = _store.NewScope();
        await scope.ServiceProvider.GetRequiredService<IUserRepository>().AddAsync(_alice, CancellationToken.None);
    }

    [TearDown]
    public async Task StopStore() => await _store.DisposeAsync();

    [Test]
    public async Task A_saved_avatar_reads_back_byte_for_byte()
    {
        var avatar = Avatar.Upload(_alice, Png, Now);
        await With(a => a.SaveAsync(avatar, CancellationToken.None));

        var found = await With(a => a.FindAsync(_alice.Id, CancellationToken.None));

        found.ShouldNotBeNull();
        found.UserId.ShouldBe(_alice.Id);
        found.ContentType.ShouldBe("image/png");
        found.Content.ToArray().ShouldBe(Png);
        found.Tag.ShouldBe(avatar.Tag);
        found.UpdatedAt.ShouldBe(avatar.UpdatedAt);
    }

    [Test]
    public async Task A_mebibyte_avatar_is_kept_whole()
    {
        var content = new byte[Avatar.MaxBytes];
        Random.Shared.NextBytes(content);
        Png.CopyTo(content, 0);
        await With(a => a.SaveAsync(Avatar.Upload(_alice, content, Now), CancellationToken.None));

        var found = await With(a => a.FindAsync(_alice.Id, CancellationToken.None));

        found!.Content.ToArray().ShouldBe(content);
    }

    [Test]
    public async Task Saving_again_replaces_the_previous_avatar()
    {
        await With(a => a.SaveAsync(Avatar.Upload(_alice, Png, Now), CancellationToken.None));
        var replacement = Avatar.Upload(_alice, Gif, Now.AddHours(1));

        await With(a => a.SaveAsync(replacement, CancellationToken.None));

        var found = await With(a => a.FindAsync(_alice.Id, CancellationToken.None));
        found!.ContentType.ShouldBe("image/gif");
        found.Content.ToArray().ShouldBe(Gif);
        found.Tag.ShouldBe(replacement.Tag);
        found.UpdatedAt.ShouldBe(replacement.UpdatedAt);
    }

    [Test]
    public async Task Removing_forgets_the_avatar_and_says_whether_there_was_one()
    {
        await With(a => a.SaveAsync(Avatar.Upload(_alice, Png, Now), CancellationToken.None));

        (await With(a => a.RemoveAsync(_alice.Id, CancellationToken.None))).ShouldBeTrue();
        (await With(a => a.RemoveAsync(_alice.Id, CancellationToken.None))).ShouldBeFalse();
        (await With(a => a.FindAsync(_alice.Id, CancellationToken.None))).ShouldBeNull();
    }

    [Test]
    public async Task A_user_without_an_avatar_has_none()
    {
        (await With(a => a.FindAsync(_alice.Id, CancellationToken.None))).ShouldBeNull();
        (await With(a => a.FindAsync(Guid.NewGuid(), CancellationToken.None))).ShouldBeNull();
    }

    private async Task<T> With<T>(Func<IAvatarStore, Task<T>> work)
    {
        await using var scope = _store.NewScope();
        return await work(scope.ServiceProvider.GetRequiredService<IAvatarStore>());
    }

    private async Task With(Func<IAvatarStore, Task> work)
    {
        await using var scope = _store.NewScope();
        await work(scope.ServiceProvider.GetRequiredService<IAvatarStore>());
    }
}

[TestFixture]
public sealed class InMemoryAvatarStoreTests : AvatarStoreContract
{
    protected override StorageProvider Provider => StorageProvider.InMemory;
}

[TestFixture]
public sealed class PostgresAvatarStoreTests : AvatarStoreContract
{
    protected override StorageProvider Provider => StorageProvider.Postgres;
}
