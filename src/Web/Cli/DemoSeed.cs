using Mediator;
using Transcendence.Application.Channels.CreateChannel;
using Transcendence.Application.Channels.JoinChannel;
using Transcendence.Application.Channels.ListMyChannels;
using Transcendence.Application.Channels.OpenDirectChannel;
using Transcendence.Application.Channels.SendMessage;
using Transcendence.Application.Friends.Befriend;
using Transcendence.Application.Games.RecordMatch;
using Transcendence.Application.Users.FindOrCreateUser;
using Transcendence.Domain.Games;

namespace Transcendence.Web.Cli;

/// <summary>
/// Demo data for evaluators, screenshots and benchmarks, written through the application's own commands (so
/// every rule holds, on either store): six users, friendships and a pending request, three channels
/// (public, protected, private) and a direct conversation with messages, and finished matches with their
/// ratings and achievements. Deterministic and idempotent: users are found by login, channels by name among
/// their owner's, messages by client message id and matches by fixed id, so a second run adds nothing.
/// </summary>
internal sealed class DemoSeed(IServiceScopeFactory scopes)
{
    public static readonly string[] Logins = ["ada", "grace", "linus", "margaret", "alan", "barbara"];

    /// <summary>The password of the protected demo channel <c>pong-club</c>.</summary>
    public const string ProtectedChannelPassword = "pong-club-password";

    private static readonly DateTimeOffset Epoch = new(2026, 11, 1, 18, 0, 0, TimeSpan.Zero);

    public async Task<SeedSummary> RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var users = new Dictionary<string, Guid>();
        foreach (var login in Logins)
        {
            users[login] = (await SendAsync(new FindOrCreateUser(login), cancellationToken)).Id;
        }

        output.WriteLine($"users: {string.Join(", ", Logins)}");

        (string From, string To)[] friendships = [("ada", "grace"), ("grace", "ada"), ("ada", "linus"), ("linus", "ada"), ("grace", "margaret"), ("margaret", "grace"), ("alan", "barbara"), ("barbara", "alan"), ("linus", "margaret")];
        foreach (var (from, to) in friendships)
        {
            await SendAsync(new Befriend(users[from], users[to]), cancellationToken);
        }

        output.WriteLine("friends: ada–grace, ada–linus, grace–margaret, alan–barbara; linus → margaret pending");

        var general = await ChannelAsync(users["ada"], "general", "public", null, cancellationToken);
        var club = await ChannelAsync(users["grace"], "pong-club", "protected", ProtectedChannelPassword, cancellationToken);
        var staff = await ChannelAsync(users["margaret"], "staff", "private", null, cancellationToken);
        foreach (var login in Logins.Where(l => l != "ada"))
        {
            await JoinAsync(users[login], general, null, cancellationToken);
        }

        foreach (var login in new[] { "linus", "alan" })
        {
            await JoinAsync(users[login], club, ProtectedChannelPassword, cancellationToken);
        }

        var direct = (await SendAsync(new OpenDirectChannel(users["ada"], users["grace"]), cancellationToken)).Id;
        output.WriteLine("channels: general (public, everyone), pong-club (protected), staff (private), a DM ada–grace");

        (Guid Channel, string Login, string Text)[] messages =
        [
            (general, "ada", "Welcome to Transcendence! Say hello here."),
            (general, "grace", "Hello everyone. Anyone up for a game of Pong?"),
            (general, "linus", "Always. Classic or speed?"),
            (general, "alan", "Speed, obviously."),
            (general, "barbara", "I'll watch and take notes."),
            (club, "grace", "First to 11 tonight, usual place."),
            (club, "linus", "Bring your best paddle."),
            (staff, "margaret", "Reminder: the tournament starts on Friday."),
            (direct, "ada", "Rematch tomorrow?"),
            (direct, "grace", "You're on."),
        ];
        for (var i = 0; i < messages.Length; i++)
        {
            var (channel, login, text) = messages[i];
            await SendAsync(new SendMessage(users[login], channel, text, $"seed-{i + 1:00}"), cancellationToken);
        }

        output.WriteLine($"messages: {messages.Length}");

        (string Left, string Right, int LeftScore, int RightScore, GameMode Mode)[] games =
        [
            ("ada", "grace", 5, 3, GameMode.Classic),
            ("grace", "linus", 5, 4, GameMode.Speed),
            ("alan", "barbara", 2, 5, GameMode.Classic),
            ("ada", "linus", 5, 0, GameMode.Classic),
            ("margaret", "ada", 5, 2, GameMode.Speed),
            ("barbara", "grace", 4, 5, GameMode.Classic),
        ];
        for (var i = 0; i < games.Length; i++)
        {
            var (left, right, leftScore, rightScore, mode) = games[i];
            var started = Epoch.AddHours(i);
            var match = new Match(
                Guid.Parse($"01960000-0000-7000-8000-{i + 1:000000000000}"),
                mode,
                GameSettings.Default,
                [users[left], users[right]],
                [leftScore, rightScore],
                leftScore > rightScore ? users[left] : users[right],
                MatchEndReason.Score,
                started,
                started.AddMinutes(4),
                [Math.Max(0, rightScore - leftScore), Math.Max(0, leftScore - rightScore)],
                []);
            await SendAsync(new RecordMatch(match), cancellationToken);
        }

        output.WriteLine($"matches: {games.Length} finished (ratings, wins, losses and achievements follow)");
        return new SeedSummary(Logins.Length, 3, messages.Length, games.Length);
    }

    private async Task<Guid> ChannelAsync(Guid owner, string name, string visibility, string? password, CancellationToken cancellationToken)
    {
        var mine = await SendAsync(new ListMyChannels(owner), cancellationToken);
        return mine.FirstOrDefault(c => c.Name == name)?.Id
            ?? (await SendAsync(new CreateChannel(owner, name, visibility, password), cancellationToken)).Id;
    }

    private async Task JoinAsync(Guid user, Guid channel, string? password, CancellationToken cancellationToken)
    {
        var mine = await SendAsync(new ListMyChannels(user), cancellationToken);
        if (mine.All(c => c.Id != channel))
        {
            await SendAsync(new JoinChannel(user, channel, password), cancellationToken);
        }
    }

    /// <summary>Each message in its own scope: its own unit of work, as one request would have.</summary>
    private async Task<T> SendAsync<T>(ICommand<T> command, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command, cancellationToken);
    }

    /// <summary>A request that is neither (joining a channel: it checks the password before its own command).</summary>
    private async Task<T> SendAsync<T>(IRequest<T> request, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(request, cancellationToken);
    }

    private async Task<T> SendAsync<T>(IQuery<T> query, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(query, cancellationToken);
    }
}

internal sealed record SeedSummary(int Users, int Channels, int Messages, int Matches);
