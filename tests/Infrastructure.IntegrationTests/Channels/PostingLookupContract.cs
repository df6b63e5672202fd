using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Channels;
using Transcendence.Domain.Common;
using Transcendence.Domain.Users;

namespace Transcendence.Infrastructure.IntegrationTests.Channels;

/// <summary>What every <see cref="IPostingLookup"/> promises; run against both stores so they cannot drift.</summary>
public abstract class PostingLookupContract : ChatStoreContract
{
    private User _owner = null!;
    private User _sender = null!;
    private User _other = null!;
    private Channel _channel = null!;

    [SetUp]
    public async Task AddChannel()
    {
        _owner = await AddUserAsync("owner");
        _sender = await AddUserAsync("sender");
        _other = await AddUserAsync("other");
        var channel = Channel.Create(_owner, "general", ChannelVisibility.Public, null, Hasher, Now);
        channel.Join(_sender, null, Hasher, Now.AddSeconds(1));
        channel.Join(_other, null, Hasher, Now.AddSeconds(2));
        _channel = await AddChannelAsync(channel);
    }

    [Test]
    public async Task A_member_gets_the_channel_cut_to_their_own_rows_and_themselves_with_their_blocks()
    {
        await BlockAsync(_sender, _other);
        var channel = (await FindChannelAsync(_channel.Id))!;
        channel.Mute(_owner, _sender, Now.AddMinutes(5), Now.AddSeconds(3));
        channel.Mute(_owner, _other, Now.AddMinutes(6), Now.AddSeconds(3));
        await UpdateChannelAsync(channel);

        var found = await ReadAsync(_sender.Id, _channel.Id, "c1");

        found.Repeat.ShouldBeNull();
        found.Peer.ShouldBeNull();
        found.Sender.ShouldNotBeNull();
        found.Sender.Id.ShouldBe(_sender.Id);
        found.Sender.DisplayName.Value.ShouldBe("sender");
        found.Sender.BlockedUserIds.ShouldBe([_other.Id]);
        var cut = found.Channel.ShouldNotBeNull();
        cut.Id.ShouldBe(_channel.Id);
        cut.Name.ShouldBe("general");
        cut.IsDirect.ShouldBeFalse();
        cut.Visibility.ShouldBe(ChannelVisibility.Public);
        cut.Members.ShouldBe([new ChannelMember(_sender.Id, ChannelRole.Member, Instant.Normalize(Now.AddSeconds(1)))]);
        cut.Mutes.ShouldBe([new ChannelMute(_sender.Id, _owner.Id, Instant.Normalize(Now.AddSeconds(3)), Instant.Normalize(Now.AddMinutes(5)))]);
        cut.Bans.ShouldBeEmpty();
        cut.Invites.ShouldBeEmpty();
        Should.Throw<DomainException>(() => cut.Post(found.Sender, "hi", "c1", Now.AddSeconds(4))).Code.ShouldBe("chat.muted");
    }

    [Test]
    public async Task A_banned_user_gets_their_ban_and_no_membership()
    {
        var channel = (await FindChannelAsync(_channel.Id))!;
        channel.Ban(_owner, _sender, null, Now.AddSeconds(3));
        await UpdateChannelAsync(channel);

        var found = await ReadAsync(_sender.Id, _channel.Id, "c1");

        var cut = found.Channel.ShouldNotBeNull();
        cut.Members.ShouldBeEmpty();
        cut.Bans.ShouldBe([new ChannelBan(_sender.Id, _owner.Id, Instant.Normalize(Now.AddSeconds(3)), null)]);
        Should.Throw<DomainException>(() => cut.Post(found.Sender!, "hi", "c1", Now.AddSeconds(4))).Code.ShouldBe("channel.not_member");
    }

    [Test]
    public async Task The_members_who_block_the_sender_are_found_and_nobody_else()
    {
        var outsider = await AddUserAsync("outsider");
        await BlockAsync(_owner, _sender);
        await BlockAsync(outsider, _sender);
        await BlockAsync(_other, _owner);

        var found = await ReadAsync(_sender.Id, _channel.Id, "c1");

        found.BlockingMembers.ShouldBe([_owner.Id]);
        (await ReadAsync(_other.Id, _channel.Id, "c1")).BlockingMembers.ShouldBeEmpty();
    }

    [Test]
    public async Task A_stored_client_message_id_comes_back_as_the_repeat_whatever_channel_is_asked_about()
    {
        var stored = await WithAsync<IMessageRepository, Message>(
            m => m.AddAsync(_channel.Post(_sender, "first", "c1", Now.AddSeconds(5)), CancellationToken.None));

        var found = await ReadAsync(_sender.Id, Guid.CreateVersion7(), "c1");

        var repeat = found.Repeat.ShouldNotBeNull();
        repeat.Id.ShouldBe(stored.Id);
        repeat.ChannelId.ShouldBe(_channel.Id);
        repeat.SenderId.ShouldBe(_sender.Id);
        repeat.Text.ShouldBe("first");
        repeat.SentAt.ShouldBe(stored.SentAt);
        repeat.ClientMessageId.ShouldBe("c1");
        found.Channel.ShouldBeNull();
        (await ReadAsync(_other.Id, _channel.Id, "c1")).Repeat.ShouldBeNull();
    }

    [Test]
    public async Task Unknown_senders_and_channels_are_null()
    {
        var found = await ReadAsync(Guid.CreateVersion7(), Guid.CreateVersion7(), "c1");

        found.Sender.ShouldBeNull();
        found.Channel.ShouldBeNull();
        found.Peer.ShouldBeNull();
        found.BlockingMembers.ShouldBeEmpty();
    }

    [Test]
    public async Task In_a_direct_channel_the_sender_gets_the_pair_and_the_peer_with_their_blocks()
    {
        var direct = await AddChannelAsync(Channel.OpenDirect(_sender, _other, Now));
        await BlockAsync(_other, _sender);

        var found = await ReadAsync(_sender.Id, direct.Id, "c1");

        var cut = found.Channel.ShouldNotBeNull();
        cut.IsDirect.ShouldBeTrue();
        cut.Members.Select(m => m.UserId).ShouldBe([_sender.Id, _other.Id], ignoreOrder: true);
        var peer = found.Peer.ShouldNotBeNull();
        peer.Id.ShouldBe(_other.Id);
        peer.BlockedUserIds.ShouldBe([_sender.Id]);
        found.BlockingMembers.ShouldBe([_other.Id]);
        Should.Throw<DomainException>(() => cut.Post(found.Sender!, "hi", "c1", Now.AddSeconds(1), peer)).Code.ShouldBe("user.blocked");
    }

    [Test]
    public async Task Outside_a_direct_channel_the_sender_gets_its_pair_and_no_peer()
    {
        var direct = await AddChannelAsync(Channel.OpenDirect(_owner, _other, Now));

        var found = await ReadAsync(_sender.Id, direct.Id, "c1");

        var cut = found.Channel.ShouldNotBeNull();
        cut.Members.Select(m => m.UserId).ShouldBe([_owner.Id, _other.Id], ignoreOrder: true);
        found.Peer.ShouldBeNull();
        Should.Throw<DomainException>(() => cut.Post(found.Sender!, "hi", "c1", Now.AddSeconds(1))).Code.ShouldBe("channel.not_member");
    }

    private Task<PostingContext> ReadAsync(Guid senderId, Guid channelId, string clientMessageId) =>
        WithAsync<IPostingLookup, PostingContext>(p => p.ReadAsync(senderId, channelId, clientMessageId, CancellationToken.None));

    private async Task BlockAsync(User blocker, User blocked)
    {
        await WithAsync<IUserRepository>(async users =>
        {
            var user = (await users.FindByIdAsync(blocker.Id, CancellationToken.None))!;
            user.Block(blocked);
            await users.UpdateAsync(user, CancellationToken.None);
        });
    }
}

[TestFixture]
public sealed class InMemoryPostingLookupTests : PostingLookupContract
{
    protected override StorageProvider Provider => StorageProvider.InMemory;
}

[TestFixture]
public sealed class PostgresPostingLookupTests : PostingLookupContract
{
    protected override StorageProvider Provider => StorageProvider.Postgres;
}
