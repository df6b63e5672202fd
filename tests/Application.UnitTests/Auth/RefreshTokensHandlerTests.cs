using Transcendence.Application.Presence;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Transcendence.Application.Auth;
using Transcendence.Application.Auth.RefreshTokens;
using Transcendence.Application.Common;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Common.Realtime;
using Transcendence.Domain.Auth;
using Transcendence.Domain.Common;
using Transcendence.Domain.Games;
using Transcendence.Domain.Users;

namespace Transcendence.Application.UnitTests.Auth;

public sealed class RefreshTokensHandlerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    private FakeTimeProvider _clock = null!;
    private Mock<IRefreshTokenRepository> _refreshTokens = null!;
    private Mock<IUserRepository> _users = null!;
    private Mock<ITwoFactorRepository> _twoFactors = null!;
    private Mock<IAccessTokenIssuer> _accessTokens = null!;
    private Mock<ISessionRevocations> _revocations = null!;
    private RealtimeOutbox _outbox = null!;
    private User _user = null!;

    [SetUp]
    public void SetUp()
    {
        _clock = new(Now);
        _refreshTokens = new();
        _users = new();
        _twoFactors = new();
        _accessTokens = new();
        _revocations = new();
        _outbox = new RealtimeOutbox(Mock.Of<IRealtimeTransport>());
        _user = User.Register("jdoe", DisplayName.Parse("jdoe"), Now);
        _users.Setup(users => users.FindByIdAsync(_user.Id, It.IsAny<CancellationToken>())).ReturnsAsync(_user);
        _accessTokens.Setup(issuer => issuer.Issue(_user, It.IsAny<Guid>())).Returns(new AccessToken("jwt", Now.AddMinutes(15)));
    }

    [Test]
    public async Task A_live_token_is_marked_used_and_a_successor_stored_and_returned()
    {
        var (family, token) = Store("secret-1");

        var tokens = await Handler().Handle(new RefreshTokens("secret-1"), CancellationToken.None);

        token.IsUsed.ShouldBeTrue();
        _refreshTokens.Verify(repo => repo.UpdateTokenAsync(token, It.IsAny<CancellationToken>()));
        _refreshTokens.Verify(repo => repo.AddTokenAsync(
            It.Is<RefreshToken>(next => next.FamilyId == family.Id && next.Hash == OpaqueToken.Hash(tokens.RefreshToken)), It.IsAny<CancellationToken>()));
        tokens.RefreshTokenExpiresAt.ShouldBe(Now + Lifetime);
        tokens.AccessToken.ShouldBe("jwt");
        _accessTokens.Verify(issuer => issuer.Issue(_user, family.Id));
    }

    [Test]
    public async Task A_used_token_revokes_its_login_and_the_refusal_asks_for_a_commit()
    {
        var (family, token) = Store("secret-1");
        family.Rotate(token, "hash-2", Now, Lifetime);

        var refused = await Should.ThrowAsync<CommittedRefusal>(() => Handler().Handle(new RefreshTokens("secret-1"), CancellationToken.None).AsTask());

        refused.Code.ShouldBe("auth.invalid_token");
        family.IsRevoked.ShouldBeTrue();
        _refreshTokens.Verify(repo => repo.UpdateFamilyAsync(family, It.IsAny<CancellationToken>()));
        _refreshTokens.Verify(repo => repo.AddTokenAsync(It.IsAny<RefreshToken>(), It.IsAny<CancellationToken>()), Times.Never);
        _revocations.VerifyNoOtherCalls();
        await _outbox.FlushAsync(CancellationToken.None);
        _revocations.Verify(r => r.RevokeAsync(family.Id, It.IsAny<CancellationToken>()), Times.Once, "the revocation is announced once committed");
    }

    [Test]
    public async Task An_expired_token_is_refused_without_writing_anything()
    {
        Store("secret-1");
        _clock.Advance(Lifetime);

        var refused = await Should.ThrowAsync<DomainException>(() => Handler().Handle(new RefreshTokens("secret-1"), CancellationToken.None).AsTask());

        refused.ShouldNotBeOfType<CommittedRefusal>();
        refused.Code.ShouldBe("auth.invalid_token");
        _refreshTokens.Verify(repo => repo.UpdateFamilyAsync(It.IsAny<RefreshTokenFamily>(), It.IsAny<CancellationToken>()), Times.Never);
        _refreshTokens.Verify(repo => repo.UpdateTokenAsync(It.IsAny<RefreshToken>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("unknown")]
    public async Task A_missing_or_unknown_token_is_refused(string? presented)
    {
        var refused = await Should.ThrowAsync<DomainException>(() => Handler().Handle(new RefreshTokens(presented), CancellationToken.None).AsTask());

        refused.Code.ShouldBe("auth.invalid_token");
        refused.Kind.ShouldBe(ErrorKind.Unauthenticated);
    }

    private (RefreshTokenFamily Family, RefreshToken Token) Store(string secret)
    {
        var (family, token) = RefreshTokenFamily.Start(_user.Id, OpaqueToken.Hash(secret), _clock.GetUtcNow(), Lifetime);
        _refreshTokens.Setup(repo => repo.FindTokenAsync(token.Hash, It.IsAny<CancellationToken>())).ReturnsAsync(token);
        _refreshTokens.Setup(repo => repo.FindFamilyAsync(family.Id, It.IsAny<CancellationToken>())).ReturnsAsync(family);
        return (family, token);
    }

    private static IPlayerStatsRepository StartingStats()
    {
        var stats = new Mock<IPlayerStatsRepository>();
        stats.Setup(s => s.GetAsync(It.IsAny<Guid>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((Guid id, CancellationToken _) => PlayerStats.New(id));
        return stats.Object;
    }

    private RefreshTokensHandler Handler()
    {
        var options = new RefreshTokenOptions { Lifetime = Lifetime };
        var sessions = new SessionIssuer(_twoFactors.Object, Mock.Of<ILoginTicketRepository>(), _refreshTokens.Object,
            _accessTokens.Object, options, new TwoFactorOptions(), Mock.Of<IPresenceTracker>(p => p.StatusOf(It.IsAny<Guid>()) == "offline"), StartingStats(), _clock);
        return new RefreshTokensHandler(_refreshTokens.Object, _users.Object, _twoFactors.Object, sessions, _revocations.Object, _outbox, options, _clock);
    }
}
