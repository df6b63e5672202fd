using Moq;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Presence;
using Transcendence.Application.Users.RenameMe;
using Transcendence.Domain.Common;
using Transcendence.Domain.Games;
using Transcendence.Domain.Users;

namespace Transcendence.Application.UnitTests.Users;

public sealed class RenameMeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private static readonly IPresenceTracker Presence = Mock.Of<IPresenceTracker>(p => p.StatusOf(It.IsAny<Guid>()) == "offline");

    private static readonly IPlayerStatsRepository Stats = Mock.Of<IPlayerStatsRepository>(
        s => s.GetAsync(It.IsAny<Guid>(), It.IsAny<CancellationToken>()) == Task.FromResult(PlayerStats.New(Guid.Empty)));

    private Mock<IUserRepository> _users = null!;

    // NUnit reuses one fixture instance for every test: each test gets fresh mocks here.
    [SetUp]
    public void FreshMocks() => _users = new Mock<IUserRepository>(MockBehavior.Strict);

    [Test]
    public async Task A_free_name_is_taken_and_saved()
    {
        var user = User.Register("jdoe", DisplayName.Parse("jdoe"), Now);
        _users.Setup(u => u.FindByIdAsync(user.Id, It.IsAny<CancellationToken>())).ReturnsAsync(user);
        _users.Setup(u => u.IsDisplayNameTakenAsync(DisplayName.Parse("John"), It.IsAny<CancellationToken>())).ReturnsAsync(false);
        _users.Setup(u => u.UpdateAsync(user, It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        var profile = await new RenameMeHandler(_users.Object, Presence, Mock.Of<ITwoFactorRepository>(), Stats).Handle(new RenameMe(user.Id, "John"), CancellationToken.None);

        profile.DisplayName.ShouldBe("John");
        _users.Verify(u => u.UpdateAsync(It.Is<User>(saved => saved.DisplayName.Value == "John"), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task A_taken_name_is_refused_before_anything_is_saved()
    {
        var user = User.Register("jdoe", DisplayName.Parse("jdoe"), Now);
        _users.Setup(u => u.FindByIdAsync(user.Id, It.IsAny<CancellationToken>())).ReturnsAsync(user);
        _users.Setup(u => u.IsDisplayNameTakenAsync(It.IsAny<DisplayName>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);

        var refused = await Should.ThrowAsync<DomainException>(() =>
            new RenameMeHandler(_users.Object, Presence, Mock.Of<ITwoFactorRepository>(), Stats).Handle(new RenameMe(user.Id, "Alice"), CancellationToken.None).AsTask());

        refused.Code.ShouldBe("user.name_taken");
        _users.Verify(u => u.UpdateAsync(It.IsAny<User>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task An_unknown_caller_is_user_not_found()
    {
        _users.Setup(u => u.FindByIdAsync(It.IsAny<Guid>(), It.IsAny<CancellationToken>())).ReturnsAsync((User?)null);

        var refused = await Should.ThrowAsync<DomainException>(() =>
            new RenameMeHandler(_users.Object, Presence, Mock.Of<ITwoFactorRepository>(), Stats).Handle(new RenameMe(Guid.NewGuid(), "Alice"), CancellationToken.None).AsTask());

        refused.Code.ShouldBe("user.not_found");
    }

    [TestCase("ab")]
    [TestCase("no spaces")]
    public void The_validator_refuses_a_malformed_name(string name) =>
        new RenameMeValidator().Validate(new RenameMe(Guid.NewGuid(), name)).Errors.Select(e => e.PropertyName).ShouldBe(["DisplayName"]);
}
