using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Channels;
using Transcendence.Infrastructure;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.Chat;

/// <summary>
/// Guessing a protected channel's password: a limit per user and channel, a lockout that doubles after
/// repeated wrong passwords (counted in the store, so every instance agrees), a minimum length, and old
/// hashes upgraded on the next right password; on each store.
/// </summary>
[TestFixture(StorageProvider.InMemory)]
[TestFixture(StorageProvider.Postgres)]
public sealed class ChannelPasswordLimitsTests(StorageProvider provider)
{
    private const string Password = "open sesame";

    private readonly List<TranscendenceApp> _apps = [];
    private TranscendenceApp _app = null!;

    internal TranscendenceApp App => _app;

    [SetUp]
    public async Task StartApp() => _app = await StartAsync(joinLimit: 1000);

    [TearDown]
    public async Task StopApps()
    {
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }
    }

    [Test]
    public async Task After_five_wrong_passwords_even_the_right_one_is_refused_for_a_minute()
    {
        var (alice, mallory, channel) = await ProtectedChannelAsync();
        for (var guess = 0; guess < ChannelPasswordGuesses.FreeWrongGuesses; guess++)
        {
            await (await mallory.JoinAsync(channel, $"guess-{guess:0000}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "channel.wrong_password");
        }

        var locked = await mallory.JoinAsync(channel, Password);

        var problem = await locked.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        problem["detail"]!.GetValue<string>().ShouldContain("wrong passwords");
        locked.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromMinutes(1));
        (await alice.DetailsAsync(channel))["members"]!.AsArray().Count.ShouldBe(1, "a refused guess joins nobody");
        var bob = await ApiClient.LoginAsync(_app, "bob");
        await bob.JoinOkAsync(channel, Password);

        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        await mallory.JoinOkAsync(channel, Password);
    }

    [Test]
    public async Task Each_wrong_password_past_five_doubles_the_lockout_and_a_right_one_forgets_them()
    {
        var (_, mallory, channel) = await ProtectedChannelAsync();
        for (var guess = 0; guess < ChannelPasswordGuesses.FreeWrongGuesses; guess++)
        {
            await mallory.JoinAsync(channel, $"guess-{guess:0000}");
        }

        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        await (await mallory.JoinAsync(channel, "guess-0005")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "channel.wrong_password");
        var locked = await mallory.JoinAsync(channel, "guess-0006");
        await locked.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        locked.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromMinutes(2));

        _app.Clock.Advance(TimeSpan.FromMinutes(2));
        await mallory.JoinOkAsync(channel, Password);
        (await mallory.Http.PostAsync($"/api/channels/{channel}/leave", null)).EnsureSuccessStatusCode();
        await (await mallory.JoinAsync(channel, "guess-0007")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "channel.wrong_password");
        await (await mallory.JoinAsync(channel, "guess-0008")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "channel.wrong_password");
    }

    [Test]
    public async Task The_lockout_is_per_channel()
    {
        var (alice, mallory, channel) = await ProtectedChannelAsync();
        var other = await alice.CreateChannelAsync("other-vault", "protected", Password);
        for (var guess = 0; guess < ChannelPasswordGuesses.FreeWrongGuesses; guess++)
        {
            await mallory.JoinAsync(channel, $"guess-{guess:0000}");
        }

        await mallory.JoinOkAsync(other, Password);
    }

    [Test]
    public async Task Joining_too_often_is_refused_per_user_and_channel_before_any_password_is_checked()
    {
        _app = await StartAsync(joinLimit: 3);
        var (alice, mallory, channel) = await ProtectedChannelAsync();
        var other = await alice.CreateChannelAsync("other-vault", "protected", Password);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await (await mallory.JoinAsync(channel, $"guess-{attempt:0000}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "channel.wrong_password");
        }

        var limited = await mallory.JoinAsync(channel, Password);

        await limited.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        limited.Headers.RetryAfter.ShouldNotBeNull();
        await mallory.JoinOkAsync(other, Password);
        var bob = await ApiClient.LoginAsync(_app, "bob");
        await bob.JoinOkAsync(channel, Password);
    }

    [TestCase("short12")]
    [TestCase("1234")]
    public async Task A_password_under_eight_characters_is_a_validation_problem_on_create_and_update(string password)
    {
        var alice = await ApiClient.LoginAsync(_app, "alice");

        var created = await alice.Http.PostAsJsonAsync("/api/channels", new { name = "vault", visibility = "protected", password });
        (await created.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation"))["errors"]!["password"].ShouldNotBeNull();

        var channel = await alice.CreateChannelAsync("room");
        var updated = await alice.Http.PatchAsJsonAsync($"/api/channels/{channel}", new { visibility = "protected", password });
        await updated.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        (await alice.DetailsAsync(channel))["visibility"]!.GetValue<string>().ShouldBe("public");
    }

    [Test]
    public async Task A_hash_stored_with_210000_iterations_opens_the_channel_and_is_upgraded_to_600000()
    {
        var (alice, bob, channel) = await ProtectedChannelAsync();
        await StorePasswordHashAsync(alice.UserId, channel, Legacy210kHasher.Instance);
        (await StoredHashAsync(channel)).Split('$')[1].ShouldBe("210000");

        await bob.JoinOkAsync(channel, Password);

        (await StoredHashAsync(channel)).Split('$')[1].ShouldBe("600000");
        var carol = await ApiClient.LoginAsync(_app, "carol");
        await (await carol.JoinAsync(channel, "not it at all")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "channel.wrong_password");
        await carol.JoinOkAsync(channel, Password);
    }

    internal async Task<TranscendenceApp> StartAsync(int joinLimit, string? connectionString = null)
    {
        var app = await TranscendenceApp.StartAsync(provider, connectionString, new Dictionary<string, string?>
        {
            ["Channels:JoinLimit:PermitLimit"] = joinLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        _apps.Add(app);
        return app;
    }

    internal async Task<(ApiClient Owner, ApiClient Guesser, Guid Channel)> ProtectedChannelAsync()
    {
        var alice = await ApiClient.LoginAsync(_app, "alice");
        var mallory = await ApiClient.LoginAsync(_app, "mallory");
        return (alice, mallory, await alice.CreateChannelAsync("vault", "protected", Password));
    }

    /// <summary>Arranges a channel as an older version of the app stored it: its password hashed with fewer iterations.</summary>
    private async Task StorePasswordHashAsync(Guid ownerId, Guid channelId, IChannelPasswordHasher hasher)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var unitOfWork = scope.ServiceProvider.GetRequiredService<IUnitOfWork>();
        await unitOfWork.BeginAsync(CancellationToken.None);
        var owner = (await scope.ServiceProvider.GetRequiredService<IUserRepository>().FindByIdAsync(ownerId, CancellationToken.None))!;
        var channels = scope.ServiceProvider.GetRequiredService<IChannelRepository>();
        var channel = (await channels.FindByIdAsync(channelId, CancellationToken.None))!;
        channel.ChangeAccess(owner, ChannelVisibility.Protected, Password, hasher);
        await channels.UpdateAsync(channel, CancellationToken.None);
        await unitOfWork.CommitAsync(CancellationToken.None);
    }

    private async Task<string> StoredHashAsync(Guid channelId)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var channel = await scope.ServiceProvider.GetRequiredService<IChannelRepository>().FindByIdAsync(channelId, CancellationToken.None);
        return channel!.PasswordHash!;
    }

    /// <summary>The hashes this app made before OWASP's count was adopted: PBKDF2-SHA256, 210,000 iterations.</summary>
    private sealed class Legacy210kHasher : IChannelPasswordHasher
    {
        public static readonly Legacy210kHasher Instance = new();

        public string Hash(string password)
        {
            var salt = RandomNumberGenerator.GetBytes(16);
            var hash = Rfc2898DeriveBytes.Pbkdf2(System.Text.Encoding.UTF8.GetBytes(password), salt, 210_000, HashAlgorithmName.SHA256, 32);
            return $"pbkdf2-sha256$210000${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
        }

        public bool Verify(string hash, string password) => throw new NotSupportedException();

        public bool NeedsRehash(string hash) => throw new NotSupportedException();
    }
}

/// <summary>Two instances of the app on one PostgreSQL store count the same wrong passwords.</summary>
[TestFixture]
public sealed class ChannelPasswordLockoutAcrossInstancesTests
{
    private readonly ChannelPasswordLimitsTests _kit = new(StorageProvider.Postgres);

    [SetUp]
    public Task StartApp() => _kit.StartApp();

    [TearDown]
    public Task StopApps() => _kit.StopApps();

    [Test]
    public async Task Wrong_passwords_counted_by_one_instance_lock_the_user_out_on_another()
    {
        var (_, mallory, channel) = await _kit.ProtectedChannelAsync();
        for (var guess = 0; guess < ChannelPasswordGuesses.FreeWrongGuesses; guess++)
        {
            await mallory.JoinAsync(channel, $"guess-{guess:0000}");
        }

        var second = await _kit.StartAsync(joinLimit: 1000, connectionString: _kit.App.ConnectionString);
        var malloryThere = await ApiClient.LoginAsync(second, "mallory");

        await (await malloryThere.JoinAsync(channel, "open sesame")).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
    }
}
