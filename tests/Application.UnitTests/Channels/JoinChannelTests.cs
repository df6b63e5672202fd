using Mediator;
using Moq;
using Transcendence.Application.Channels;
using Transcendence.Application.Channels.JoinChannel;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Common.Realtime;
using Transcendence.Domain.Channels;
using Transcendence.Domain.Users;

namespace Transcendence.Application.UnitTests.Channels;

/// <summary>
/// Joining a protected channel hashes before the transaction: <see cref="JoinChannelHandler"/> checks the
/// password (and makes the upgraded hash) outside it, <see cref="AdmitToChannelHandler"/> decides inside it
/// without hashing.
/// </summary>
public sealed class JoinChannelTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private readonly User _owner = User.Register("owner", DisplayName.Parse("owner"), Now);
    private readonly User _joiner = User.Register("joiner", DisplayName.Parse("joiner"), Now);

    [Test]
    public async Task The_password_is_checked_and_rehashed_before_the_transaction()
    {
        var channel = Channel.Create(_owner, "vault", ChannelVisibility.Protected, "open sesame", new TaggedHasher("old"), Now);
        var sender = new Mock<ISender>();
        AdmitToChannel? sent = null;
        sender.Setup(s => s.Send(It.IsAny<AdmitToChannel>(), It.IsAny<CancellationToken>()))
            .Callback<ICommand<ChannelSummary>, CancellationToken>((command, _) => sent = (AdmitToChannel)command)
            .Returns(new ValueTask<ChannelSummary>(ChannelSummary.Of(channel, _joiner.Id)));

        await new JoinChannelHandler(Channels(channel), NoGuesses(), new TaggedHasher("new"), sender.Object, Clock())
            .Handle(new JoinChannel(_joiner.Id, channel.Id, "open sesame"), CancellationToken.None);

        sent.ShouldNotBeNull();
        sent.Verdict.ShouldBe(new PasswordVerdict("old:open sesame", "open sesame", IsRight: true, UpgradedHash: "new:open sesame"));
    }

    [Test]
    public async Task Inside_the_transaction_the_verdict_decides_and_nothing_is_hashed()
    {
        var channel = Channel.Create(_owner, "vault", ChannelVisibility.Protected, "open sesame", new TaggedHasher("old"), Now);
        var users = new Mock<IUserRepository>();
        users.Setup(u => u.FindByIdAsync(_joiner.Id, It.IsAny<CancellationToken>())).ReturnsAsync(_joiner);
        var verdict = new PasswordVerdict("old:open sesame", "open sesame", IsRight: true, UpgradedHash: "new:open sesame");

        await new AdmitToChannelHandler(users.Object, Channels(channel), NoGuesses(), new NeverHasher(), Mock.Of<IRealtimeNotifier>(), Clock())
            .Handle(new AdmitToChannel(_joiner.Id, channel.Id, "open sesame", verdict), CancellationToken.None);

        channel.IsMember(_joiner.Id).ShouldBeTrue();
        channel.PasswordHash.ShouldBe("new:open sesame");
    }

    private static IChannelRepository Channels(Channel channel)
    {
        var channels = new Mock<IChannelRepository>();
        channels.Setup(c => c.FindByIdAsync(channel.Id, It.IsAny<CancellationToken>())).ReturnsAsync(channel);
        channels.Setup(c => c.UpdateAsync(channel, It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        return channels.Object;
    }

    private static IChannelPasswordGuessRepository NoGuesses()
    {
        var guesses = new Mock<IChannelPasswordGuessRepository>();
        guesses.Setup(g => g.FindAsync(It.IsAny<Guid>(), It.IsAny<Guid>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((Guid channelId, Guid userId, CancellationToken _) => ChannelPasswordGuesses.None(channelId, userId));
        return guesses.Object;
    }

    private static TimeProvider Clock() => Mock.Of<TimeProvider>(c => c.GetUtcNow() == Now);

    /// <summary>Hashes as <c>tag:password</c>; a hash with another tag is of an older strength.</summary>
    private sealed class TaggedHasher(string tag) : IChannelPasswordHasher
    {
        public string Hash(string password) => $"{tag}:{password}";

        public bool Verify(string hash, string password) => hash[(hash.IndexOf(':', StringComparison.Ordinal) + 1)..] == password;

        public bool NeedsRehash(string hash) => !hash.StartsWith($"{tag}:", StringComparison.Ordinal);
    }

    /// <summary>The hasher inside the transaction: any hashing there fails the test.</summary>
    private sealed class NeverHasher : IChannelPasswordHasher
    {
        public string Hash(string password) => throw new InvalidOperationException("hashed inside the transaction");

        public bool Verify(string hash, string password) => throw new InvalidOperationException("verified inside the transaction");

        public bool NeedsRehash(string hash) => throw new InvalidOperationException("asked inside the transaction");
    }
}
