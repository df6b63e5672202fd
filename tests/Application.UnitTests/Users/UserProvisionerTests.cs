using Microsoft.Extensions.Time.Testing;
using Moq;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Users.FindOrCreateUser;
using Transcendence.Domain.Users;

namespace Transcendence.Application.UnitTests.Users;

public sealed class UserProvisionerTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));
    private Mock<IUserRepository> _users = null!;

    [SetUp]
    public void FreshMocks() => _users = new Mock<IUserRepository>();

    [Test]
    public async Task A_known_login_returns_the_existing_user_and_adds_nobody()
    {
        var existing = User.Register("jdoe", DisplayName.Parse("John"), _clock.GetUtcNow());
        _users.Setup(u => u.FindByLoginAsync("jdoe", It.IsAny<CancellationToken>())).ReturnsAsync(existing);

        var user = await new UserProvisioner(_users.Object, _clock).FindOrCreateAsync("jdoe", CancellationToken.None);

        user.ShouldBeSameAs(existing);
        _users.Verify(u => u.AddAsync(It.IsAny<User>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task A_new_login_whose_name_is_taken_gets_the_first_free_suffix()
    {
        _users.Setup(u => u.IsDisplayNameTakenAsync(It.Is<DisplayName>(n => n.Value == "jdoe" || n.Value == "jdoe2"), It.IsAny<CancellationToken>()))
            .ReturnsAsync(true);

        var user = await new UserProvisioner(_users.Object, _clock).FindOrCreateAsync("jdoe", CancellationToken.None);

        user.DisplayName.Value.ShouldBe("jdoe3");
        user.CreatedAt.ShouldBe(_clock.GetUtcNow());
        _users.Verify(u => u.AddAsync(user, It.IsAny<CancellationToken>()), Times.Once);
    }
}
