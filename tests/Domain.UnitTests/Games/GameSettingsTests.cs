using Transcendence.Domain.Common;
using Transcendence.Domain.Games;

namespace Transcendence.Domain.UnitTests.Games;

public sealed class GameSettingsTests
{
    [Test]
    public void The_defaults_are_five_points_normal_speed_and_80_unit_paddles()
    {
        GameSettings.Default.WinningScore.ShouldBe(5);
        GameSettings.Default.BallSpeed.ShouldBe(1.0);
        GameSettings.Default.PaddleSize.ShouldBe(80);
    }

    [TestCase(1, 0.5, 40)]
    [TestCase(21, 2.0, 160)]
    [TestCase(11, 1.25, 100)]
    public void Values_within_the_bounds_are_taken(int winningScore, double ballSpeed, int paddleSize)
    {
        var settings = GameSettings.Create(winningScore, ballSpeed, paddleSize);

        settings.WinningScore.ShouldBe(winningScore);
        settings.BallSpeed.ShouldBe(ballSpeed);
        settings.PaddleSize.ShouldBe(paddleSize);
    }

    [TestCase(0, 1.0, 80)]
    [TestCase(22, 1.0, 80)]
    [TestCase(5, 0.4999, 80)]
    [TestCase(5, 2.0001, 80)]
    [TestCase(5, double.PositiveInfinity, 80)]
    [TestCase(5, double.NaN, 80)]
    [TestCase(5, 1.0, 39)]
    [TestCase(5, 1.0, 161)]
    public void Values_outside_the_bounds_are_refused(int winningScore, double ballSpeed, int paddleSize) =>
        Should.Throw<DomainException>(() => GameSettings.Create(winningScore, ballSpeed, paddleSize)).Code.ShouldBe("validation");

    [Test]
    public void A_partial_change_keeps_the_other_values()
    {
        var settings = GameSettings.Create(7, 1.5, 120).With(paddleSize: 60);

        settings.ShouldBe(GameSettings.Create(7, 1.5, 60));
    }

    [Test]
    public void Settings_with_the_same_values_are_equal() =>
        GameSettings.Default.With(winningScore: 5).ShouldBe(GameSettings.Default);

    [TestCase("classic", GameMode.Classic)]
    [TestCase("speed", GameMode.Speed)]
    public void Modes_go_by_their_wire_names(string name, GameMode mode)
    {
        GameModes.Parse(name).ShouldBe(mode);
        mode.ToName().ShouldBe(name);
    }

    [TestCase("Classic")]
    [TestCase("")]
    [TestCase(null)]
    public void An_unknown_mode_is_refused(string? name) =>
        Should.Throw<DomainException>(() => GameModes.Parse(name)).Code.ShouldBe("validation");
}
