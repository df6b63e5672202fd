using System.Globalization;
using Transcendence.Domain.Common;
using Transcendence.Domain.Games;

namespace Transcendence.Domain.UnitTests.Games;

public sealed class PongGameTests
{
    private const double Tolerance = 1e-9;
    private static readonly Guid LeftId = Guid.Parse("0190a000-0000-7000-8000-000000000001");
    private static readonly Guid RightId = Guid.Parse("0190a000-0000-7000-8000-000000000002");

    // ---- the start and the serve ----

    [Test]
    public void A_new_game_centres_the_paddles_and_serves_the_ball_from_the_centre()
    {
        var game = NewGame(random: Sequence(0.9, 0.5));

        var state = game.Snapshot();

        state.Tick.ShouldBe(0);
        state.Score.ShouldBe([0, 0]);
        state.Paddles.Select(p => p.UserId).ShouldBe([LeftId, RightId]);
        state.Paddles.Select(p => p.Y).ShouldBe([210.0, 210.0]);
        state.Ball.X.ShouldBe(395);
        state.Ball.Y.ShouldBe(245);
        state.Ball.Vx.ShouldBe(PongGame.BaseServeSpeed, Tolerance);
        state.Ball.Vy.ShouldBe(0, Tolerance);
    }

    [TestCase(0.1, -1)]
    [TestCase(0.9, 1)]
    public void The_first_serve_goes_to_a_side_drawn_from_the_random_source(double draw, int direction) =>
        Math.Sign(NewGame(random: Sequence(draw, 0.5)).Snapshot().Ball.Vx).ShouldBe(direction);

    [TestCase(0.0, -30)]
    [TestCase(0.25, -15)]
    [TestCase(0.75, 15)]
    [TestCase(1.0, 30)]
    public void A_serve_leaves_within_30_degrees_of_the_horizontal(double draw, double degrees)
    {
        var ball = NewGame(random: Sequence(0.9, draw)).Snapshot().Ball;

        (Math.Atan2(ball.Vy, ball.Vx) * 180 / Math.PI).ShouldBe(degrees, 1e-6);
        ball.Speed.ShouldBe(PongGame.BaseServeSpeed, Tolerance);
    }

    [Test]
    public void Speed_mode_serves_faster_and_the_ball_speed_setting_multiplies()
    {
        NewGame(GameMode.Speed).ServeSpeed.ShouldBe(PongGame.BaseServeSpeed * PongGame.SpeedModeFactor, Tolerance);
        NewGame(GameMode.Speed).Snapshot().Ball.Speed.ShouldBe(9, Tolerance);
        NewGame(GameMode.Classic, GameSettings.Create(5, 0.5, 80)).ServeSpeed.ShouldBe(3, Tolerance);
        NewGame(GameMode.Speed, GameSettings.Create(5, 2.0, 80)).MaxSpeed.ShouldBe(36, Tolerance);
    }

    [Test]
    public void The_same_seed_serves_the_same_way()
    {
        var a = new PongGame(LeftId, RightId, GameMode.Classic, GameSettings.Default, 7UL);
        var b = new PongGame(LeftId, RightId, GameMode.Classic, GameSettings.Default, 7UL);

        a.Snapshot().Ball.ShouldBe(b.Snapshot().Ball);
    }

    [Test]
    public void A_game_needs_two_different_players() =>
        Should.Throw<ArgumentException>(() => new PongGame(LeftId, LeftId, GameMode.Classic, GameSettings.Default, 1UL));

    // ---- the ball in flight ----

    [Test]
    public void The_ball_travels_its_velocity_each_tick()
    {
        var game = NewGame();
        game.PlaceBall(100, 100, 3, 4);

        var result = game.Tick();

        result.State.Tick.ShouldBe(1);
        result.State.Ball.ShouldBe(new BallState(103, 104, 3, 4));
        result.Scored.ShouldBeNull();
    }

    [Test]
    public void The_ball_bounces_off_the_top_wall()
    {
        var game = NewGame();
        game.PlaceBall(400, 5, 3, -10);

        var ball = game.Tick().State.Ball;

        ball.X.ShouldBe(403, Tolerance);
        ball.Y.ShouldBe(5, Tolerance);
        ball.Vx.ShouldBe(3);
        ball.Vy.ShouldBe(10);
    }

    [Test]
    public void The_ball_bounces_off_the_bottom_wall()
    {
        var game = NewGame();
        game.PlaceBall(400, 485, -3, 10);

        var ball = game.Tick().State.Ball;

        ball.Y.ShouldBe(485, Tolerance);
        ball.Vy.ShouldBe(-10);
    }

    [Test]
    public void The_ball_never_leaves_the_field_through_a_wall()
    {
        var game = NewGame(GameMode.Speed, GameSettings.Create(21, 2.0, 160));
        for (var i = 0; i < 5000 && !game.IsOver; i++)
        {
            var ball = game.Tick().State.Ball;
            ball.Y.ShouldBeInRange(0, 490);
        }
    }

    // ---- paddles ----

    [Test]
    public void A_ball_hitting_the_centre_of_a_paddle_goes_straight_back_a_little_faster()
    {
        var game = NewGame();
        game.PlaceBall(35, 245, -6, 0);

        var ball = game.Tick().State.Ball;

        ball.Vx.ShouldBe(6 * PongGame.SpeedGrowthPerHit, Tolerance);
        ball.Vy.ShouldBe(0, Tolerance);
        ball.X.ShouldBeGreaterThanOrEqualTo(PongGame.LeftFaceX);
    }

    [TestCase(true, 1)]
    [TestCase(true, -1)]
    [TestCase(false, 1)]
    [TestCase(false, -1)]
    public void A_ball_hitting_the_end_of_a_paddle_leaves_at_60_degrees(bool leftPaddle, int end)
    {
        var game = NewGame();
        // Touching the paddle's bottom end (top at paddleY + 80) or its top end (bottom at paddleY).
        var y = end > 0 ? 210 + 80 : 210 - 10;
        game.PlaceBall(leftPaddle ? 35 : 755, y, leftPaddle ? -6 : 6, 0);

        var ball = game.Tick().State.Ball;

        var speed = 6 * PongGame.SpeedGrowthPerHit;
        ball.Vx.ShouldBe((leftPaddle ? 1 : -1) * speed * 0.5, Tolerance);
        ball.Vy.ShouldBe(end * speed * Math.Sqrt(3) / 2, Tolerance);
    }

    [Test]
    public void A_ball_hitting_halfway_to_the_end_leaves_at_30_degrees()
    {
        var game = NewGame();
        // The ball's centre 22.5 units below the paddle's centre: halfway along the reach of 40 + 5.
        game.PlaceBall(755, 250 + 22.5 - 5, 6, 0);

        var ball = game.Tick().State.Ball;

        (Math.Atan2(ball.Vy, -ball.Vx) * 180 / Math.PI).ShouldBe(30, 1e-6);
    }

    [Test]
    public void A_ball_just_past_the_end_of_a_paddle_is_missed_and_scores()
    {
        var game = NewGame();
        game.PlaceBall(35, 210 + 80 + 0.01, -6, 0);

        var scored = RunUntilScored(game, 20);

        scored.UserId.ShouldBe(RightId);
    }

    [Test]
    public void Each_paddle_hit_speeds_the_ball_up_until_the_cap()
    {
        var game = NewGame();
        var speed = game.ServeSpeed;

        for (var hit = 1; hit <= 30; hit++)
        {
            game.PlaceBall(PongGame.LeftFaceX + (speed / 2), 245, -speed, 0);
            var ball = game.Tick().State.Ball;

            var expected = Math.Min(game.ServeSpeed * Math.Pow(PongGame.SpeedGrowthPerHit, hit), game.MaxSpeed);
            ball.Vx.ShouldBe(expected, 1e-6);
            speed = ball.Vx;
        }

        speed.ShouldBe(game.MaxSpeed, Tolerance);
    }

    [TestCase(true)]
    [TestCase(false)]
    public void The_fastest_ball_never_passes_through_a_paddle(bool leftPaddle)
    {
        var game = NewGame(GameMode.Speed, GameSettings.Create(21, 2.0, 80));
        var s = game.MaxSpeed;
        s.ShouldBeGreaterThan(PongGame.PaddleWidth + PongGame.BallSize);
        const double paddleY = 200;
        var face = leftPaddle ? PongGame.LeftFaceX : PongGame.RightFaceX - PongGame.BallSize;
        var away = leftPaddle ? 1 : -1;
        var cases = 0;

        // Contact points all along the face (from just touching one end to just touching the other), from
        // many angles, arriving at every fraction of a tick and one to three ticks away.
        for (var contactY = paddleY - 10 + 1e-6; contactY <= paddleY + 80 - 1e-6; contactY += 0.7)
        {
            for (var degrees = -55; degrees <= 55; degrees += 11)
            {
                foreach (var ticksAway in new[] { 0.01, 0.3, 0.5, 0.77, 0.99, 1.4, 2.2, 2.95 })
                {
                    var radians = degrees * Math.PI / 180;
                    var vx = -away * s * Math.Cos(radians);
                    var vy = s * Math.Sin(radians);
                    game.PlaceBall(face - (vx * ticksAway), contactY - (vy * ticksAway), vx, vy);
                    game.PlacePaddle(leftPaddle ? LeftId : RightId, paddleY);

                    for (var tick = 0; tick < 4; tick++)
                    {
                        var result = game.Tick();
                        result.Scored.ShouldBeNull();
                        if (leftPaddle)
                        {
                            result.State.Ball.X.ShouldBeGreaterThanOrEqualTo(face - Tolerance);
                        }
                        else
                        {
                            result.State.Ball.X.ShouldBeLessThanOrEqualTo(face + Tolerance);
                        }
                    }

                    Math.Sign(game.Snapshot().Ball.Vx).ShouldBe(away, $"contact {contactY}, {degrees}°, {ticksAway} ticks away");
                    game.Snapshot().Ball.Speed.ShouldBeLessThanOrEqualTo(s + Tolerance);
                    cases++;
                }
            }
        }

        cases.ShouldBeGreaterThan(10_000);
    }

    [Test]
    public void The_fastest_ball_aimed_beside_a_paddle_does_pass()
    {
        var game = NewGame(GameMode.Speed, GameSettings.Create(21, 2.0, 80));
        game.PlacePaddle(LeftId, 200);
        game.PlaceBall(PongGame.LeftFaceX + (game.MaxSpeed * 0.5), 200 + 80 + 0.5, -game.MaxSpeed, 0);

        RunUntilScored(game, 5).UserId.ShouldBe(RightId);
    }

    [Test]
    public void A_held_paddle_moves_at_a_fixed_speed_and_stops_at_the_field_edges()
    {
        var game = NewGame();
        game.SetInput(LeftId, new PaddleInput(Up: true, Down: false, Seq: 1));
        game.SetInput(RightId, new PaddleInput(Up: false, Down: true, Seq: 1));

        var first = game.Tick().State.Paddles;
        first[0].Y.ShouldBe(210 - PongGame.PaddleSpeed);
        first[1].Y.ShouldBe(210 + PongGame.PaddleSpeed);

        for (var i = 0; i < 100; i++)
        {
            game.Tick();
        }

        var last = game.Snapshot().Paddles;
        last[0].Y.ShouldBe(0);
        last[1].Y.ShouldBe(500 - 80);
    }

    [Test]
    public void Holding_both_directions_or_neither_keeps_the_paddle_still()
    {
        var game = NewGame();
        game.SetInput(LeftId, new PaddleInput(Up: true, Down: true, Seq: 1));

        var paddles = game.Tick().State.Paddles;

        paddles[0].Y.ShouldBe(210);
        paddles[1].Y.ShouldBe(210);
    }

    [Test]
    public void The_latest_input_wins_and_a_stale_one_is_ignored()
    {
        var game = NewGame();

        game.SetInput(LeftId, new PaddleInput(true, false, 1)).ShouldBeTrue();
        game.SetInput(LeftId, new PaddleInput(false, true, 2)).ShouldBeTrue();
        game.SetInput(LeftId, new PaddleInput(true, false, 2)).ShouldBeFalse();
        game.SetInput(LeftId, new PaddleInput(true, false, 1)).ShouldBeFalse();

        var paddle = game.Tick().State.Paddles[0];
        paddle.Y.ShouldBe(210 + PongGame.PaddleSpeed);
        paddle.LastSeq.ShouldBe(2);
    }

    [Test]
    public void Released_input_stops_the_paddle_and_accepts_any_sequence_after()
    {
        var game = NewGame();
        game.SetInput(LeftId, new PaddleInput(true, false, 50));

        game.ReleaseInput(LeftId);

        game.Tick().State.Paddles[0].Y.ShouldBe(210);
        game.SetInput(LeftId, new PaddleInput(true, false, 0)).ShouldBeTrue();
    }

    [Test]
    public void Someone_not_playing_cannot_send_input() =>
        Should.Throw<DomainException>(() => NewGame().SetInput(Guid.NewGuid(), new PaddleInput(true, false, 1))).Code.ShouldBe("game.not_in_room");

    [Test]
    public void Paddle_size_sets_the_paddle_height()
    {
        var game = NewGame(settings: GameSettings.Create(5, 1.0, 160));

        game.PaddleHeight.ShouldBe(160);
        game.Snapshot().Paddles[0].Y.ShouldBe(170);
    }

    // ---- points ----

    [Test]
    public void A_ball_crossing_the_left_goal_line_is_a_point_for_the_right_player()
    {
        var game = NewGame();
        game.PlaceBall(2, 400, -6, 0);

        var result = game.Tick();

        result.Scored.ShouldBe(new PointScored(RightId, result.Scored!.Score));
        result.Scored.Score.ShouldBe([0, 1]);
        result.State.Score.ShouldBe([0, 1]);
        result.State.Ball.ShouldBe(new BallState(395, 245, 0, 0));
        result.IsOver.ShouldBeFalse();
    }

    [Test]
    public void A_ball_crossing_the_right_goal_line_is_a_point_for_the_left_player()
    {
        var game = NewGame();
        game.PlaceBall(788, 400, 6, 0);

        var result = game.Tick();

        result.Scored!.UserId.ShouldBe(LeftId);
        result.State.Score.ShouldBe([1, 0]);
    }

    [TestCase(true)]
    [TestCase(false)]
    public void After_a_point_the_ball_rests_one_second_then_is_served_to_the_player_who_lost_it(bool leftScores)
    {
        var game = NewGame(random: Sequence(0.9, 0.5, 0.8));
        game.PlaceBall(leftScores ? 788 : 2, 400, leftScores ? 6 : -6, 0);
        game.Tick().Scored.ShouldNotBeNull();

        for (var i = 1; i < PongGame.ServePauseTicks; i++)
        {
            game.Tick().State.Ball.ShouldBe(new BallState(395, 245, 0, 0));
        }

        var served = game.Tick().State.Ball;
        served.X.ShouldBe(395);
        served.Y.ShouldBe(245);
        Math.Sign(served.Vx).ShouldBe(leftScores ? 1 : -1);
        served.Speed.ShouldBe(game.ServeSpeed, Tolerance);
        // The angle came from the source too: 0.8 → +18°.
        (Math.Atan2(served.Vy, Math.Abs(served.Vx)) * 180 / Math.PI).ShouldBe(18, 1e-6);

        var moving = game.Tick().State.Ball;
        moving.X.ShouldBe(395 + served.Vx, Tolerance);
    }

    [Test]
    public void Paddles_move_while_the_ball_rests()
    {
        var game = NewGame();
        game.PlaceBall(2, 400, -6, 0);
        game.Tick();
        game.SetInput(RightId, new PaddleInput(true, false, 1));

        game.Tick().State.Paddles[1].Y.ShouldBe(210 - PongGame.PaddleSpeed);
    }

    [Test]
    public void The_first_to_the_winning_score_wins_and_the_game_then_stands_still()
    {
        var game = NewGame(settings: GameSettings.Create(2, 1.0, 80));
        ScorePoint(game, RightId);

        game.PlaceBall(2, 400, -6, 0);
        var last = game.Tick();

        last.IsOver.ShouldBeTrue();
        last.WinnerId.ShouldBe(RightId);
        last.Scored!.Score.ShouldBe([0, 2]);
        game.IsOver.ShouldBeTrue();
        game.WinnerIndex.ShouldBe(1);

        var after = game.Tick();
        after.State.Tick.ShouldBe(last.State.Tick);
        after.Scored.ShouldBeNull();
        after.WinnerId.ShouldBe(RightId);
    }

    [Test]
    public void The_game_records_the_most_each_player_was_behind()
    {
        var game = NewGame();
        ScorePoint(game, RightId);
        ScorePoint(game, RightId);
        ScorePoint(game, RightId);
        game.MaxDeficit.ShouldBe([3, 0]);

        for (var i = 0; i < 5; i++)
        {
            ScorePoint(game, LeftId);
        }

        game.Score.ShouldBe([5, 3]);
        game.WinnerId.ShouldBe(LeftId);
        game.MaxDeficit.ShouldBe([3, 2]);
    }

    [Test]
    public void A_whole_game_is_played_to_the_winning_score_the_same_way_every_time()
    {
        var first = PlayOut(seed: 2026);
        var second = PlayOut(seed: 2026);

        second.ShouldBe(first);
        first.Count.ShouldBeGreaterThan(5 * PongGame.ServePauseTicks);
        var score = first[^1].Split('|')[^1];
        new[] { "5,0", "5,1", "5,2", "5,3", "5,4", "0,5", "1,5", "2,5", "3,5", "4,5" }.ShouldContain(score);
        PlayOut(seed: 2027).ShouldNotBe(first);
    }

    private static List<string> PlayOut(ulong seed)
    {
        var game = new PongGame(LeftId, RightId, GameMode.Classic, GameSettings.Default, seed);
        var trace = new List<string>();
        for (var i = 0; i < 200_000 && !game.IsOver; i++)
        {
            // A lazy player: the left paddle drifts towards the ball when it is far off.
            var s = game.Snapshot();
            var gap = s.Ball.Y + 5 - (s.Paddles[0].Y + 40);
            game.SetInput(LeftId, new PaddleInput(gap < -60, gap > 60, i));

            var result = game.Tick();
            var b = result.State.Ball;
            trace.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{result.State.Tick}|{b.X:R},{b.Y:R},{b.Vx:R},{b.Vy:R}|{result.State.Paddles[0].Y:R},{result.State.Paddles[1].Y:R}|{result.Scored?.UserId}|{result.State.Score[0]},{result.State.Score[1]}"));
        }

        game.IsOver.ShouldBeTrue();
        return trace;
    }

    private static void ScorePoint(PongGame game, Guid scorer)
    {
        if (scorer == LeftId)
        {
            game.PlaceBall(788, 400, 6, 0);
        }
        else
        {
            game.PlaceBall(2, 400, -6, 0);
        }

        game.Tick().Scored!.UserId.ShouldBe(scorer);
    }

    private static PointScored RunUntilScored(PongGame game, int maxTicks)
    {
        for (var i = 0; i < maxTicks; i++)
        {
            if (game.Tick().Scored is { } scored)
            {
                return scored;
            }
        }

        throw new AssertionException($"no point within {maxTicks} ticks");
    }

    private static PongGame NewGame(GameMode mode = GameMode.Classic, GameSettings? settings = null, Func<double>? random = null) =>
        new(LeftId, RightId, mode, settings ?? GameSettings.Default, random ?? Sequence(0.9, 0.5));

    /// <summary>Hands out the numbers given, then repeats the last one.</summary>
    private static Func<double> Sequence(params double[] values)
    {
        var next = 0;
        return () => values[Math.Min(next++, values.Length - 1)];
    }
}
