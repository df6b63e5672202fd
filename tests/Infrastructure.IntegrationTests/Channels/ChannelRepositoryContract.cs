using Microsoft.Extensions.DependencyInjection;
using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Channels;
using Transcendence.Domain.Common;
using Transcendence.Domain.Users;

namespace Transcendence.Infrastructure.IntegrationTests.Channels;

/// <summary>What every <see cref="IChannelRepository"/> promises; run against both stores so they cannot drift.</summary>
public abstract class ChannelRepositoryContract : ChatStoreContract
{
    private User _owner = null!;
    private User _admin = null!;
    private User _member = null!;
    private User _outsider = null!;

    [SetUp]
    public async Task AddUsers()
    {
        _owner = await AddUserAsync("owner");
        _admin = await AddUserAsync("admin");
        _member = await AddUserAsync("member");
        _outsider = await AddUserAsync("outsider");
    }

    [Test]
    public async Task A_channel_with_every_kind_of_state_reads_back_equal()
    {
        var channel = Channel.Create(_owner, "  Secret Base ", ChannelVisibility.Private, null, Hasher, Now);
        channel.Invite(_owner, _admin, Now.AddTicks(11));
        channel.Join(_admin, null, Hasher, Now.AddSeconds(1).AddTicks(17));
        channel.GrantAdmin(_owner, _admin);
        channel.Invite(_admin, _member, Now.AddSeconds(2));
        channel.Join(_member, null, Hasher, Now.AddSeconds(3));
        channel.Mute(_admin, _member, Now.AddMinutes(5).AddTicks(123), Now.AddSeconds(4));
        channel.Invite(_member, _outsider, Now.AddSeconds(5));
        var banned = await AddUserAsync("banned");
        var forever = await AddUserAsync("forever");
        channel.Ban(_admin, banned, Now.AddDays(1), Now.AddSeconds(6));
        channel.Ban(_owner, forever, null, Now.AddSeconds(7));

        await AddChannelAsync(channel);
        var loaded = await FindChannelAsync(channel.Id);

        loaded.ShouldNotBeNull();
        ShouldBeEqual(loaded, channel);
        loaded.Invites.Count.ShouldBe(1);
        loaded.Bans.Count.ShouldBe(2);
        loaded.Mutes.Count.ShouldBe(1);
    }

    [Test]
    public async Task A_protected_channel_keeps_its_password_hash()
    {
        var channel = Channel.Create(_owner, "vault", ChannelVisibility.Protected, "s3cret-pw", Hasher, Now);

        await AddChannelAsync(channel);
        var loaded = await FindChannelAsync(channel.Id);

        loaded!.PasswordHash.ShouldBe("plain:s3cret-pw");
        loaded.Join(_member, "s3cret-pw", Hasher, Now).ShouldBeTrue();
    }

    [Test]
    public async Task Saving_a_changed_channel_replaces_what_was_stored()
    {
        var channel = Channel.Create(_owner, "general", ChannelVisibility.Public, null, Hasher, Now);
        channel.Join(_admin, null, Hasher, Now);
        channel.GrantAdmin(_owner, _admin);
        channel.Join(_member, null, Hasher, Now);
        channel.Mute(_admin, _member, Now.AddMinutes(5), Now);
        channel.Ban(_admin, _outsider, null, Now);
        await AddChannelAsync(channel);

        var changed = (await FindChannelAsync(channel.Id))!;
        changed.Rename(_owner, "renamed");
        changed.ChangeAccess(_owner, ChannelVisibility.Protected, "new-pass", Hasher);
        changed.Unmute(_admin, _member);
        changed.Unban(_admin, _outsider);
        changed.Leave(_owner);
        changed.Ban(_admin, _member, Now.AddHours(1), Now);
        await UpdateChannelAsync(changed);

        var loaded = (await FindChannelAsync(channel.Id))!;
        ShouldBeEqual(loaded, changed);
        loaded.Name.ShouldBe("renamed");
        loaded.Owner!.UserId.ShouldBe(_admin.Id);
        loaded.Members.Count.ShouldBe(1);
        loaded.Mutes.ShouldBeEmpty();
        loaded.Bans.Select(b => b.UserId).ShouldBe([_member.Id]);
    }

    [Test]
    public async Task An_unknown_channel_is_not_found()
    {
        (await FindChannelAsync(Guid.NewGuid())).ShouldBeNull();
    }

    [Test]
    public async Task Saving_a_channel_that_no_longer_exists_is_refused()
    {
        var channel = Channel.Create(_owner, "gone", ChannelVisibility.Public, null, Hasher, Now);

        var refusal = await Should.ThrowAsync<DomainException>(() => UpdateChannelAsync(channel));

        refusal.Code.ShouldBe("channel.not_found");
    }

    [Test]
    public async Task A_channel_naming_an_unknown_user_is_not_stored()
    {
        var ghost = User.Register("ghost", DisplayName.Parse("ghost"), Now);
        var channel = Channel.Create(ghost, "haunted", ChannelVisibility.Public, null, Hasher, Now);

        await Should.ThrowAsync<Exception>(() => AddChannelAsync(channel));

        (await FindChannelAsync(channel.Id)).ShouldBeNull();
    }

    [Test]
    public async Task A_direct_channel_is_found_by_its_pair_in_either_order()
    {
        var direct = Channel.OpenDirect(_member, _outsider, Now);
        await AddChannelAsync(direct);

        var found = await WithAsync<IChannelRepository, Channel?>(c => c.FindDirectAsync(_outsider.Id, _member.Id, CancellationToken.None));
        var none = await WithAsync<IChannelRepository, Channel?>(c => c.FindDirectAsync(_member.Id, _owner.Id, CancellationToken.None));

        found.ShouldNotBeNull();
        ShouldBeEqual(found, direct);
        none.ShouldBeNull();
    }

    [Test]
    public async Task Adding_a_second_direct_channel_for_a_pair_gives_back_the_first()
    {
        var first = Channel.OpenDirect(_member, _outsider, Now);
        await AddChannelAsync(first);

        var stored = await AddChannelAsync(Channel.OpenDirect(_outsider, _member, Now.AddMinutes(1)));

        stored.Id.ShouldBe(first.Id);
        ShouldBeEqual(stored, first);
        var mine = await WithAsync<IChannelRepository, IReadOnlyList<Channel>>(c => c.ListForMemberAsync(_member.Id, CancellationToken.None));
        mine.Select(c => c.Id).ShouldBe([first.Id]);
    }

    [Test]
    public async Task Deleting_a_channel_removes_it_with_its_messages_and_frees_its_pair()
    {
        var direct = Channel.OpenDirect(_member, _outsider, Now);
        await AddChannelAsync(direct);
        var message = direct.Post(_member, "bye", "c1", Now, _outsider);
        await WithAsync<IMessageRepository>(m => m.AddAsync(message, CancellationToken.None));

        await WithAsync<IChannelRepository>(c => c.DeleteAsync(direct.Id, CancellationToken.None));

        (await FindChannelAsync(direct.Id)).ShouldBeNull();
        (await WithAsync<IMessageRepository, Message?>(m => m.FindBySenderAndClientIdAsync(_member.Id, "c1", CancellationToken.None))).ShouldBeNull();
        var reopened = Channel.OpenDirect(_member, _outsider, Now);
        (await AddChannelAsync(reopened)).Id.ShouldBe(reopened.Id);
    }

    [Test]
    public async Task Deleting_an_unknown_channel_does_nothing()
    {
        await Should.NotThrowAsync(() => WithAsync<IChannelRepository>(c => c.DeleteAsync(Guid.NewGuid(), CancellationToken.None)));
    }

    [Test]
    public async Task A_member_lists_the_channels_and_direct_channels_they_are_in_oldest_first()
    {
        var first = await AddChannelAsync(Channel.Create(_owner, "first", ChannelVisibility.Public, null, Hasher, Now));
        var direct = await AddChannelAsync(Channel.OpenDirect(_owner, _member, Now.AddSeconds(1)));
        var notMine = await AddChannelAsync(Channel.Create(_member, "theirs", ChannelVisibility.Public, null, Hasher, Now.AddSeconds(2)));
        var left = Channel.Create(_member, "left", ChannelVisibility.Public, null, Hasher, Now.AddSeconds(3));
        left.Join(_owner, null, Hasher, Now.AddSeconds(3));
        left.Leave(_owner);
        await AddChannelAsync(left);
        var joined = Channel.Create(_member, "joined", ChannelVisibility.Private, null, Hasher, Now.AddSeconds(4));
        joined.Invite(_member, _owner, Now.AddSeconds(4));
        joined.Join(_owner, null, Hasher, Now.AddSeconds(4));
        await AddChannelAsync(joined);

        var mine = await WithAsync<IChannelRepository, IReadOnlyList<Channel>>(c => c.ListForMemberAsync(_owner.Id, CancellationToken.None));

        mine.Select(c => c.Id).ShouldBe([first.Id, direct.Id, joined.Id]);
        mine.Select(c => c.Id).ShouldNotContain(notMine.Id);
        ShouldBeEqual(mine[2], joined);
    }

    [Test]
    public async Task The_listed_channels_are_the_public_and_protected_ones_matching_the_search_by_name()
    {
        await AddChannelAsync(Channel.Create(_owner, "Zebra talk", ChannelVisibility.Public, null, Hasher, Now));
        await AddChannelAsync(Channel.Create(_owner, "abc", ChannelVisibility.Protected, "s3cret-pw", Hasher, Now));
        await AddChannelAsync(Channel.Create(_owner, "Quiet zone", ChannelVisibility.Public, null, Hasher, Now));
        await AddChannelAsync(Channel.Create(_owner, "zz private", ChannelVisibility.Private, null, Hasher, Now));
        await AddChannelAsync(Channel.OpenDirect(_owner, _member, Now));

        var all = await SearchAsync(string.Empty, 10);
        var withZ = await SearchAsync("Z", 10);
        var limited = await SearchAsync(string.Empty, 2);

        all.Select(c => c.Name).ShouldBe(["abc", "Quiet zone", "Zebra talk"]);
        withZ.Select(c => c.Name).ShouldBe(["Quiet zone", "Zebra talk"]);
        limited.Select(c => c.Name).ShouldBe(["abc", "Quiet zone"]);
        all[0].PasswordHash.ShouldBe("plain:s3cret-pw");
    }

    [Test]
    public async Task Search_text_is_matched_literally_not_as_a_pattern()
    {
        await AddChannelAsync(Channel.Create(_owner, "100% fun_room", ChannelVisibility.Public, null, Hasher, Now));
        await AddChannelAsync(Channel.Create(_owner, "100 funxroom", ChannelVisibility.Public, null, Hasher, Now));

        (await SearchAsync("%", 10)).Select(c => c.Name).ShouldBe(["100% fun_room"]);
        (await SearchAsync("_", 10)).Select(c => c.Name).ShouldBe(["100% fun_room"]);
    }

    [Test]
    public async Task Channels_whose_mutes_or_bans_have_ended_are_listed_for_tidying()
    {
        var endedMute = Channel.Create(_owner, "ended mute", ChannelVisibility.Public, null, Hasher, Now);
        endedMute.Join(_member, null, Hasher, Now);
        endedMute.Mute(_owner, _member, Now.AddMinutes(1), Now);
        var endedBan = Channel.Create(_owner, "ended ban", ChannelVisibility.Public, null, Hasher, Now);
        endedBan.Ban(_owner, _member, Now.AddMinutes(2), Now);
        var stillOn = Channel.Create(_owner, "still on", ChannelVisibility.Public, null, Hasher, Now);
        stillOn.Join(_member, null, Hasher, Now);
        stillOn.Mute(_owner, _member, Now.AddHours(1), Now);
        stillOn.Ban(_owner, _outsider, null, Now);
        foreach (var channel in new[] { endedMute, endedBan, stillOn })
        {
            await AddChannelAsync(channel);
        }

        var at = Now.AddMinutes(2);
        var due = await WithAsync<IChannelRepository, IReadOnlyList<Guid>>(c => c.ListIdsWithEndedRestrictionsAsync(at, 10, CancellationToken.None));
        var first = await WithAsync<IChannelRepository, IReadOnlyList<Guid>>(c => c.ListIdsWithEndedRestrictionsAsync(at, 1, CancellationToken.None));
        var early = await WithAsync<IChannelRepository, IReadOnlyList<Guid>>(c => c.ListIdsWithEndedRestrictionsAsync(Now.AddSeconds(59), 10, CancellationToken.None));

        due.ShouldBe([endedMute.Id, endedBan.Id]);
        first.ShouldBe([endedMute.Id]);
        early.ShouldBeEmpty();
    }

    [Test]
    public async Task Two_units_of_work_changing_one_channel_take_turns_instead_of_losing_a_change()
    {
        var channel = Channel.Create(_owner, "busy", ChannelVisibility.Public, null, Hasher, Now);
        await AddChannelAsync(channel);

        await using var first = Store.NewScope();
        var firstWork = first.ServiceProvider.GetRequiredService<IUnitOfWork>();
        var firstChannels = first.ServiceProvider.GetRequiredService<IChannelRepository>();
        await firstWork.BeginAsync(CancellationToken.None);
        var firstCopy = (await firstChannels.FindByIdAsync(channel.Id, CancellationToken.None))!;
        firstCopy.Join(_member, null, Hasher, Now);

        var second = Task.Run(() => JoinInOneUnitOfWorkAsync(channel.Id, _outsider));
        if (Store.WritersWaitForRowLocks)
        {
            // Give the second unit of work every chance to read the channel before the first one commits.
            await Task.Delay(300);
            second.IsCompleted.ShouldBeFalse("the second unit of work must wait for the first");
            await firstChannels.UpdateAsync(firstCopy, CancellationToken.None);
            await firstWork.CommitAsync(CancellationToken.None);
        }
        else
        {
            // The second is not held up by the open first one; the first read the channel before the
            // second changed it, so its commit writes nothing, and its command runs again.
            await second.WaitAsync(TimeSpan.FromSeconds(30));
            await firstChannels.UpdateAsync(firstCopy, CancellationToken.None);
            await Should.ThrowAsync<TransactionConflictException>(() => firstWork.CommitAsync(CancellationToken.None).AsTask());
            await JoinInOneUnitOfWorkAsync(channel.Id, _member);
        }

        await second.WaitAsync(TimeSpan.FromSeconds(30));

        var loaded = (await FindChannelAsync(channel.Id))!;
        loaded.Members.Select(m => m.UserId).ShouldBe([_owner.Id, _member.Id, _outsider.Id], ignoreOrder: true);
    }

    private async Task JoinInOneUnitOfWorkAsync(Guid channelId, User user)
    {
        await using var scope = Store.NewScope();
        var work = scope.ServiceProvider.GetRequiredService<IUnitOfWork>();
        var channels = scope.ServiceProvider.GetRequiredService<IChannelRepository>();
        await work.BeginAsync(CancellationToken.None);
        var copy = (await channels.FindByIdAsync(channelId, CancellationToken.None))!;
        copy.Join(user, null, Hasher, Now);
        await channels.UpdateAsync(copy, CancellationToken.None);
        await work.CommitAsync(CancellationToken.None);
    }

    private Task<IReadOnlyList<Channel>> SearchAsync(string text, int limit) =>
        WithAsync<IChannelRepository, IReadOnlyList<Channel>>(c => c.SearchListedAsync(text, limit, CancellationToken.None));

    private static void ShouldBeEqual(Channel actual, Channel expected)
    {
        actual.Id.ShouldBe(expected.Id);
        actual.Kind.ShouldBe(expected.Kind);
        actual.Name.ShouldBe(expected.Name);
        actual.Visibility.ShouldBe(expected.Visibility);
        actual.PasswordHash.ShouldBe(expected.PasswordHash);
        actual.DirectKey.ShouldBe(expected.DirectKey);
        actual.CreatedAt.ShouldBe(expected.CreatedAt);
        actual.Members.ShouldBe(expected.Members);
        actual.Invites.ShouldBe(expected.Invites);
        actual.Bans.ShouldBe(expected.Bans);
        actual.Mutes.ShouldBe(expected.Mutes);
    }
}

[TestFixture]
public sealed class InMemoryChannelRepositoryTests : ChannelRepositoryContract
{
    protected override StorageProvider Provider => StorageProvider.InMemory;
}

[TestFixture]
public sealed class PostgresChannelRepositoryTests : ChannelRepositoryContract
{
    protected override StorageProvider Provider => StorageProvider.Postgres;
}
