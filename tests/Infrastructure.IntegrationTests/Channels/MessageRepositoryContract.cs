using Microsoft.Extensions.DependencyInjection;
using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Channels;
using Transcendence.Domain.Common;
using Transcendence.Domain.Users;

namespace Transcendence.Infrastructure.IntegrationTests.Channels;

/// <summary>What every <see cref="IMessageRepository"/> promises; run against both stores so they cannot drift.</summary>
public abstract class MessageRepositoryContract : ChatStoreContract
{
    private static readonly Guid[] None = [];

    private User _alice = null!;
    private User _bob = null!;
    private User _carol = null!;
    private Channel _channel = null!;

    [SetUp]
    public async Task AddChannel()
    {
        _alice = await AddUserAsync("alice");
        _bob = await AddUserAsync("bob");
        _carol = await AddUserAsync("carol");
        var channel = Channel.Create(_alice, "general", ChannelVisibility.Public, null, Hasher, Now);
        channel.Join(_bob, null, Hasher, Now);
        channel.Join(_carol, null, Hasher, Now);
        _channel = await AddChannelAsync(channel);
    }

    [Test]
    public async Task A_stored_message_reads_back_equal()
    {
        var message = _channel.Post(_alice, " line one\r\n\tline two 🏓 ", "client-1", Now);

        var stored = await AddAsync(message);
        var found = await WithAsync<IMessageRepository, Message?>(m => m.FindBySenderAndClientIdAsync(_alice.Id, "client-1", CancellationToken.None));

        stored.ShouldBeSameAs(message);
        found.ShouldNotBeNull();
        ShouldBeEqual(found, message);
        found.Text.ShouldBe("line one\n\tline two 🏓");
    }

    [Test]
    public async Task An_unknown_client_message_id_finds_nothing()
    {
        await AddAsync(_channel.Post(_alice, "hi", "client-1", Now));

        (await WithAsync<IMessageRepository, Message?>(m => m.FindBySenderAndClientIdAsync(_bob.Id, "client-1", CancellationToken.None))).ShouldBeNull();
        (await WithAsync<IMessageRepository, Message?>(m => m.FindBySenderAndClientIdAsync(_alice.Id, "CLIENT-1", CancellationToken.None))).ShouldBeNull();
    }

    [Test]
    public async Task Sending_the_same_client_message_id_again_stores_once_and_gives_back_the_first()
    {
        var first = _channel.Post(_alice, "once", "client-1", Now);
        await AddAsync(first);

        var repeat = await AddAsync(_channel.Post(_alice, "twice?", "client-1", Now.AddSeconds(1)));

        ShouldBeEqual(repeat, first);
        (await PageAsync(before: null, limit: 10)).Select(m => m.Id).ShouldBe([first.Id]);
    }

    [Test]
    public async Task The_same_client_message_id_from_two_senders_makes_two_messages()
    {
        var fromAlice = await AddAsync(_channel.Post(_alice, "a", "client-1", Now));
        var fromBob = await AddAsync(_channel.Post(_bob, "b", "client-1", Now));

        fromBob.Id.ShouldNotBe(fromAlice.Id);
        (await PageAsync(before: null, limit: 10)).Count.ShouldBe(2);
    }

    [Test]
    public async Task A_message_for_an_unknown_channel_is_not_stored()
    {
        var elsewhere = Channel.Create(_alice, "unsaved", ChannelVisibility.Public, null, Hasher, Now);

        await Should.ThrowAsync<Exception>(() => AddAsync(elsewhere.Post(_alice, "lost", "client-1", Now)));

        (await WithAsync<IMessageRepository, Message?>(m => m.FindBySenderAndClientIdAsync(_alice.Id, "client-1", CancellationToken.None))).ShouldBeNull();
    }

    [Test]
    public async Task A_message_for_a_channel_deleted_since_the_sender_read_it_is_refused_as_not_found()
    {
        var message = _channel.Post(_alice, "too late", "client-1", Now);
        await WithAsync<IChannelRepository>(c => c.DeleteAsync(_channel.Id, CancellationToken.None));

        var refusal = await Should.ThrowAsync<DomainException>(() => AddAsync(message));

        refusal.Code.ShouldBe("channel.not_found");
        (await WithAsync<IMessageRepository, Message?>(m => m.FindBySenderAndClientIdAsync(_alice.Id, "client-1", CancellationToken.None))).ShouldBeNull();
    }

    [Test]
    public async Task History_comes_newest_first_and_pages_chain_without_gaps_or_repeats()
    {
        var sent = new List<Message>();
        for (var i = 0; i < 7; i++)
        {
            sent.Add(await AddAsync(_channel.Post(i % 2 == 0 ? _alice : _bob, $"message {i}", $"c{i}", Now.AddSeconds(i))));
        }

        var first = await PageAsync(before: null, limit: 3);
        var second = await PageAsync(before: first[^1].Id, limit: 3);
        var third = await PageAsync(before: second[^1].Id, limit: 3);
        var past = await PageAsync(before: third[^1].Id, limit: 3);

        first.Select(m => m.Text).ShouldBe(["message 6", "message 5", "message 4"]);
        second.Select(m => m.Text).ShouldBe(["message 3", "message 2", "message 1"]);
        third.Select(m => m.Text).ShouldBe(["message 0"]);
        past.ShouldBeEmpty();
        ShouldBeEqual(third[0], sent[0]);
    }

    [Test]
    public async Task Messages_sent_in_the_same_microsecond_are_ordered_by_id_as_postgresql_orders_uuids()
    {
        // Ids that differ in the byte where signed and unsigned, or little- and big-endian, comparisons disagree.
        string[] ids =
        [
            "00000000-0000-7000-8000-000000000001",
            "00000000-0000-7000-8000-0000000000ff",
            "00000000-0000-7000-8000-000000000100",
            "00000000-00ff-7000-8000-000000000000",
            "00000001-0000-7000-8000-000000000000",
            "7fffffff-ffff-7fff-bfff-ffffffffffff",
            "80000000-0000-7000-8000-000000000000",
            "ffffffff-ffff-7fff-bfff-ffffffffffff",
        ];
        var shuffled = ids.Select((id, i) => (id, i)).OrderBy(x => (x.i * 5) % ids.Length).ToList();
        foreach (var (id, i) in shuffled)
        {
            await AddAsync(Message.Rehydrate(Guid.Parse(id), _channel.Id, _alice.Id, $"same time {i}", Now, $"c{i}"));
        }

        var page = await PageAsync(before: null, limit: 100);
        var afterThird = await PageAsync(before: Guid.Parse(ids[^3]), limit: 100);

        page.Select(m => m.Id.ToString()).ShouldBe(Enumerable.Reverse(ids));
        afterThird.Select(m => m.Id.ToString()).ShouldBe(Enumerable.Reverse(ids[..^3]));
    }

    [Test]
    public async Task Messages_posted_in_one_millisecond_come_back_in_the_reverse_of_posting_order()
    {
        var posted = new List<Guid>();
        for (var i = 0; i < 10; i++)
        {
            posted.Add((await AddAsync(_channel.Post(_alice, $"burst {i}", $"b{i}", Now))).Id);
        }

        var page = await PageAsync(before: null, limit: 5);
        var rest = await PageAsync(before: page[^1].Id, limit: 5);

        page.Concat(rest).Select(m => m.Id).ShouldBe(Enumerable.Reverse(posted));
    }

    [Test]
    public async Task Messages_from_excluded_senders_are_left_out_and_the_page_still_fills_up()
    {
        for (var i = 0; i < 6; i++)
        {
            await AddAsync(_channel.Post(i < 3 ? _alice : _bob, $"m{i}", $"c{i}", Now.AddSeconds(i)));
        }

        await AddAsync(_channel.Post(_carol, "carol", "c-carol", Now.AddSeconds(10)));

        var page = await PageAsync(before: null, limit: 3, excluded: [_bob.Id, _carol.Id]);
        var withoutBob = await PageAsync(before: null, limit: 10, excluded: [_bob.Id]);

        page.Select(m => m.Text).ShouldBe(["m2", "m1", "m0"]);
        withoutBob.Select(m => m.Text).ShouldBe(["carol", "m2", "m1", "m0"]);
    }

    [Test]
    public async Task A_cursor_sent_by_an_excluded_sender_still_marks_the_place()
    {
        await AddAsync(_channel.Post(_alice, "old", "c1", Now));
        var cursor = await AddAsync(_channel.Post(_bob, "blocked", "c2", Now.AddSeconds(1)));
        await AddAsync(_channel.Post(_alice, "new", "c3", Now.AddSeconds(2)));

        var page = await PageAsync(before: cursor.Id, limit: 10, excluded: [_bob.Id]);

        page.Select(m => m.Text).ShouldBe(["old"]);
    }

    [Test]
    public async Task History_holds_only_the_channels_own_messages()
    {
        var other = Channel.Create(_alice, "other", ChannelVisibility.Public, null, Hasher, Now);
        await AddChannelAsync(other);
        await AddAsync(other.Post(_alice, "elsewhere", "c1", Now));
        await AddAsync(_channel.Post(_alice, "here", "c2", Now));

        (await PageAsync(before: null, limit: 10)).Select(m => m.Text).ShouldBe(["here"]);
    }

    [Test]
    public async Task A_cursor_that_is_not_a_message_of_the_channel_gives_an_empty_page()
    {
        var other = Channel.Create(_alice, "other", ChannelVisibility.Public, null, Hasher, Now);
        await AddChannelAsync(other);
        var elsewhere = await AddAsync(other.Post(_alice, "elsewhere", "c1", Now.AddSeconds(5)));
        await AddAsync(_channel.Post(_alice, "here", "c2", Now));

        (await PageAsync(before: elsewhere.Id, limit: 10)).ShouldBeEmpty();
        (await PageAsync(before: Guid.NewGuid(), limit: 10)).ShouldBeEmpty();
    }

    [Test]
    public async Task A_channel_without_messages_has_an_empty_history()
    {
        (await PageAsync(before: null, limit: 10)).ShouldBeEmpty();
    }

    [Test]
    public async Task Pages_hold_1_to_100_messages()
    {
        for (var i = 0; i < 101; i++)
        {
            await AddAsync(_channel.Post(_alice, $"m{i}", $"c{i}", Now.AddTicks(i * 10)));
        }

        (await PageAsync(before: null, limit: 100)).Count.ShouldBe(100);
        (await PageAsync(before: null, limit: 1)).Single().Text.ShouldBe("m100");
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => PageAsync(before: null, limit: 0));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => PageAsync(before: null, limit: 101));
    }

    [Test]
    public async Task A_message_added_in_a_unit_of_work_is_seen_by_it_and_by_nobody_else_until_it_commits()
    {
        var earlier = await AddAsync(_channel.Post(_bob, "earlier", "client-0", Now));
        var message = _channel.Post(_alice, "pending", "client-1", Now.AddSeconds(1));
        await using var scope = Store.NewScope();
        var unitOfWork = scope.ServiceProvider.GetRequiredService<IUnitOfWork>();
        var messages = scope.ServiceProvider.GetRequiredService<IMessageRepository>();
        await unitOfWork.BeginAsync(CancellationToken.None);
        await messages.AddAsync(message, CancellationToken.None);

        (await messages.FindBySenderAndClientIdAsync(_alice.Id, "client-1", CancellationToken.None)).ShouldNotBeNull();
        (await messages.ListAsync(_channel.Id, null, 10, None, CancellationToken.None)).Select(m => m.Id).ShouldBe([message.Id, earlier.Id]);
        (await messages.AddAsync(_channel.Post(_alice, "again?", "client-1", Now.AddSeconds(2)), CancellationToken.None)).Id.ShouldBe(message.Id);
        (await WithAsync<IMessageRepository, Message?>(m => m.FindBySenderAndClientIdAsync(_alice.Id, "client-1", CancellationToken.None))).ShouldBeNull();
        (await PageAsync(null, 10)).Select(m => m.Id).ShouldBe([earlier.Id]);

        await unitOfWork.CommitAsync(CancellationToken.None);

        (await PageAsync(null, 10)).Select(m => m.Id).ShouldBe([message.Id, earlier.Id]);
    }

    [Test]
    public async Task A_message_added_in_a_unit_of_work_that_rolls_back_is_never_stored()
    {
        await using (var scope = Store.NewScope())
        {
            var unitOfWork = scope.ServiceProvider.GetRequiredService<IUnitOfWork>();
            await unitOfWork.BeginAsync(CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<IMessageRepository>()
                .AddAsync(_channel.Post(_alice, "never", "client-1", Now), CancellationToken.None);
            await unitOfWork.RollbackAsync(CancellationToken.None);
        }

        (await WithAsync<IMessageRepository, Message?>(m => m.FindBySenderAndClientIdAsync(_alice.Id, "client-1", CancellationToken.None))).ShouldBeNull();
        (await PageAsync(null, 10)).ShouldBeEmpty();
    }

    private Task<Message> AddAsync(Message message) =>
        WithAsync<IMessageRepository, Message>(m => m.AddAsync(message, CancellationToken.None));

    private Task<IReadOnlyList<Message>> PageAsync(Guid? before, int limit, Guid[]? excluded = null) =>
        WithAsync<IMessageRepository, IReadOnlyList<Message>>(m => m.ListAsync(_channel.Id, before, limit, excluded ?? None, CancellationToken.None));

    private static void ShouldBeEqual(Message actual, Message expected)
    {
        actual.Id.ShouldBe(expected.Id);
        actual.ChannelId.ShouldBe(expected.ChannelId);
        actual.SenderId.ShouldBe(expected.SenderId);
        actual.Text.ShouldBe(expected.Text);
        actual.SentAt.ShouldBe(expected.SentAt);
        actual.ClientMessageId.ShouldBe(expected.ClientMessageId);
    }
}

[TestFixture]
public sealed class InMemoryMessageRepositoryTests : MessageRepositoryContract
{
    protected override StorageProvider Provider => StorageProvider.InMemory;
}

[TestFixture]
public sealed class PostgresMessageRepositoryTests : MessageRepositoryContract
{
    protected override StorageProvider Provider => StorageProvider.Postgres;
}
