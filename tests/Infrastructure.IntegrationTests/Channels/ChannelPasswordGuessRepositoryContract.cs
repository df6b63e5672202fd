using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Channels;
using Transcendence.Domain.Users;

namespace Transcendence.Infrastructure.IntegrationTests.Channels;

/// <summary>What every <see cref="IChannelPasswordGuessRepository"/> promises; run against both stores.</summary>
public abstract class ChannelPasswordGuessRepositoryContract : ChatStoreContract
{
    private User _owner = null!;
    private User _guesser = null!;
    private Channel _channel = null!;

    [SetUp]
    public async Task AddChannel()
    {
        _owner = await AddUserAsync("owner");
        _guesser = await AddUserAsync("guesser");
        _channel = await AddChannelAsync(Channel.Create(_owner, "vault", ChannelVisibility.Protected, "s3cret-pw", Hasher, Now));
    }

    [Test]
    public async Task Nothing_stored_reads_as_no_wrong_guess()
    {
        var guesses = await FindAsync(_guesser.Id);

        guesses.WrongGuesses.ShouldBe(0);
        guesses.LastWrongAt.ShouldBeNull();
        guesses.LockedUntil.ShouldBeNull();
    }

    [Test]
    public async Task Wrong_guesses_read_back_equal_per_channel_and_user()
    {
        var guesses = ChannelPasswordGuesses.None(_channel.Id, _guesser.Id);
        guesses.CountWrong(Now);
        guesses.CountWrong(Now.AddSeconds(1).AddTicks(7));
        await SaveAsync(guesses);
        guesses.CountWrong(Now.AddSeconds(2));
        await SaveAsync(guesses);

        var loaded = await FindAsync(_guesser.Id);

        loaded.WrongGuesses.ShouldBe(3);
        loaded.LastWrongAt.ShouldBe(guesses.LastWrongAt);
        (await FindAsync(_owner.Id)).WrongGuesses.ShouldBe(0);
    }

    [Test]
    public async Task Removing_forgets_them_and_removing_nothing_is_no_error()
    {
        var guesses = ChannelPasswordGuesses.None(_channel.Id, _guesser.Id);
        guesses.CountWrong(Now);
        await SaveAsync(guesses);

        await WithAsync<IChannelPasswordGuessRepository>(repository => repository.RemoveAsync(_channel.Id, _guesser.Id, CancellationToken.None));
        await WithAsync<IChannelPasswordGuessRepository>(repository => repository.RemoveAsync(_channel.Id, _owner.Id, CancellationToken.None));

        (await FindAsync(_guesser.Id)).WrongGuesses.ShouldBe(0);
    }

    [Test]
    public async Task They_go_with_their_channel()
    {
        var guesses = ChannelPasswordGuesses.None(_channel.Id, _guesser.Id);
        guesses.CountWrong(Now);
        await SaveAsync(guesses);

        await WithAsync<IChannelRepository>(channels => channels.DeleteAsync(_channel.Id, CancellationToken.None));

        (await FindAsync(_guesser.Id)).WrongGuesses.ShouldBe(0);
    }

    private Task SaveAsync(ChannelPasswordGuesses guesses) =>
        WithAsync<IChannelPasswordGuessRepository>(repository => repository.SaveAsync(guesses, CancellationToken.None));

    private Task<ChannelPasswordGuesses> FindAsync(Guid userId) =>
        WithAsync<IChannelPasswordGuessRepository, ChannelPasswordGuesses>(repository => repository.FindAsync(_channel.Id, userId, CancellationToken.None));
}

[TestFixture]
public sealed class InMemoryChannelPasswordGuessRepositoryTests : ChannelPasswordGuessRepositoryContract
{
    protected override StorageProvider Provider => StorageProvider.InMemory;
}

[TestFixture]
public sealed class PostgresChannelPasswordGuessRepositoryTests : ChannelPasswordGuessRepositoryContract
{
    protected override StorageProvider Provider => StorageProvider.Postgres;
}
