namespace Transcendence.Domain.Games;

/// <summary>
/// One game of Pong, simulated on a fixed tick with no clock: the caller ticks it
/// <see cref="TicksPerSecond"/> times a second. Field 800 × 500, origin top left, y down; every
/// position is the top-left corner of its box; velocities are units per tick. Clients only send
/// intents (<see cref="SetInput"/>); every position is computed here.
/// </summary>
/// <remarks>
/// Each tick: paddles move by their held intent (clamped to the field); then, unless the ball rests
/// after a point, the ball travels its velocity, meeting walls and paddle faces in time order (swept,
/// so it cannot skip a paddle at any speed); then a ball past a goal line scores. Only a paddle's face
/// towards the field is solid: a ball that has passed the face is behind the paddle and scores.
/// The same constructor arguments and the same inputs at the same ticks give the same game.
/// </remarks>
public sealed class PongGame
{
    public const int TicksPerSecond = 60;
    public const double FieldWidth = 800;
    public const double FieldHeight = 500;
    public const double BallSize = 10;
    public const double PaddleWidth = 10;
    public const double LeftPaddleX = 20;
    public const double RightPaddleX = 770;

    /// <summary>The solid faces: the left paddle's right edge and the right paddle's left edge.</summary>
    public const double LeftFaceX = LeftPaddleX + PaddleWidth;
    public const double RightFaceX = RightPaddleX;

    /// <summary>Units a held paddle moves per tick (480 units a second).</summary>
    public const double PaddleSpeed = 8;

    /// <summary>Classic serve speed at <see cref="GameSettings.BallSpeed"/> 1.0, units per tick (360 units a second).</summary>
    public const double BaseServeSpeed = 6;

    /// <summary>How much faster <see cref="GameMode.Speed"/> serves (and caps) than classic.</summary>
    public const double SpeedModeFactor = 1.5;

    /// <summary>Each paddle hit multiplies the ball's speed by this, up to <see cref="MaxSpeed"/>.</summary>
    public const double SpeedGrowthPerHit = 1.05;

    /// <summary>The cap on the ball's speed, as a multiple of the serve speed.</summary>
    public const double MaxSpeedFactor = 2;

    /// <summary>A ball hitting a paddle's very end leaves at this angle from the horizontal; the centre sends it straight.</summary>
    public const double MaxBounceAngleDegrees = 60;

    /// <summary>A serve leaves at a random angle within this many degrees of the horizontal.</summary>
    public const double MaxServeAngleDegrees = 30;

    /// <summary>After a point the ball rests at the centre this many ticks (one second), then is served.</summary>
    public const int ServePauseTicks = TicksPerSecond;

    public const double BallStartX = (FieldWidth - BallSize) / 2;
    public const double BallStartY = (FieldHeight - BallSize) / 2;

    private const int Left = 0;
    private const int Right = 1;

    private readonly Guid[] _playerIds;
    private readonly Func<double> _random;
    private readonly double[] _paddleY = new double[2];
    private readonly PaddleInput[] _intent = new PaddleInput[2];
    private readonly long?[] _lastSeq = new long?[2];
    private readonly int[] _score = new int[2];
    private readonly int[] _maxDeficit = new int[2];
    private double _x;
    private double _y;
    private double _vx;
    private double _vy;
    private int _serveIn;
    private int _serveToward;
    private int? _winner;

    /// <param name="leftPlayerId">players[0], the left paddle.</param>
    /// <param name="rightPlayerId">players[1], the right paddle.</param>
    /// <param name="random">Numbers in [0, 1) for the serves (side of the first serve, every serve angle).</param>
    public PongGame(Guid leftPlayerId, Guid rightPlayerId, GameMode mode, GameSettings settings, Func<double> random)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(random);
        if (leftPlayerId == rightPlayerId)
        {
            throw new ArgumentException("a game needs two different players", nameof(rightPlayerId));
        }

        _playerIds = [leftPlayerId, rightPlayerId];
        _random = random;
        Mode = mode;
        Settings = settings;
        PaddleHeight = settings.PaddleSize;
        ServeSpeed = BaseServeSpeed * settings.BallSpeed * (mode == GameMode.Speed ? SpeedModeFactor : 1);
        MaxSpeed = ServeSpeed * MaxSpeedFactor;
        _paddleY[Left] = _paddleY[Right] = (FieldHeight - PaddleHeight) / 2;

        // The room's countdown was the wait: the first serve goes at once, to a side drawn at random.
        Serve(NextUnit() < 0.5 ? Left : Right);
    }

    /// <summary>A game whose serves come from <see cref="SplitMix64"/> with <paramref name="seed"/>.</summary>
    public PongGame(Guid leftPlayerId, Guid rightPlayerId, GameMode mode, GameSettings settings, ulong seed)
        : this(leftPlayerId, rightPlayerId, mode, settings, new SplitMix64(seed).NextDouble)
    {
    }

    public GameMode Mode { get; }

    public GameSettings Settings { get; }

    public double PaddleHeight { get; }

    /// <summary>The speed of every serve, units per tick.</summary>
    public double ServeSpeed { get; }

    /// <summary>The fastest the ball ever goes, units per tick.</summary>
    public double MaxSpeed { get; }

    /// <summary>Ticks played so far; 0 before the first.</summary>
    public long CurrentTick { get; private set; }

    public IReadOnlyList<Guid> PlayerIds => _playerIds;

    /// <summary>Points in player order.</summary>
    public IReadOnlyList<int> Score => _score.ToArray();

    /// <summary>For each player, the most points they were ever behind by (0 if never behind).</summary>
    public IReadOnlyList<int> MaxDeficit => _maxDeficit.ToArray();

    public bool IsOver => _winner is not null;

    /// <summary>The winner's index in player order, once the game is over.</summary>
    public int? WinnerIndex => _winner;

    public Guid? WinnerId => _winner is { } w ? _playerIds[w] : null;

    /// <summary>
    /// Takes a player's latest intent. An input whose <see cref="PaddleInput.Seq"/> is not greater than the
    /// last one applied for that player is stale and ignored (returns false).
    /// </summary>
    public bool SetInput(Guid userId, PaddleInput input)
    {
        var side = SideOf(userId);
        if (_lastSeq[side] is { } last && input.Seq <= last)
        {
            return false;
        }

        _lastSeq[side] = input.Seq;
        _intent[side] = input;
        return true;
    }

    /// <summary>
    /// Lets go of a player's paddle and forgets their sequence numbers: for a dropped connection, and for
    /// the new one that replaces it (which counts from wherever it likes).
    /// </summary>
    public void ReleaseInput(Guid userId)
    {
        var side = SideOf(userId);
        _intent[side] = default;
        _lastSeq[side] = null;
    }

    /// <summary>Advances one tick. A game that is over no longer changes: the result repeats its last state.</summary>
    public TickResult Tick()
    {
        if (_winner is not null)
        {
            return new TickResult(Snapshot(), null, WinnerId);
        }

        CurrentTick++;
        MovePaddles();

        PointScored? scored = null;
        if (_serveIn > 0)
        {
            _serveIn--;
            if (_serveIn == 0)
            {
                Serve(_serveToward);
            }
        }
        else
        {
            MoveBall();
            if (_x < 0)
            {
                scored = Point(Right);
            }
            else if (_x + BallSize > FieldWidth)
            {
                scored = Point(Left);
            }
        }

        return new TickResult(Snapshot(), scored, WinnerId);
    }

    public GameSnapshot Snapshot() => new(
        CurrentTick,
        new BallState(_x, _y, _vx, _vy),
        [
            new PaddleState(_playerIds[Left], _paddleY[Left], _lastSeq[Left]),
            new PaddleState(_playerIds[Right], _paddleY[Right], _lastSeq[Right]),
        ],
        _score.ToArray());

    /// <summary>Puts the ball somewhere with some velocity, ending any rest after a point. For tests.</summary>
    internal void PlaceBall(double x, double y, double vx, double vy)
    {
        (_x, _y, _vx, _vy) = (x, y, vx, vy);
        _serveIn = 0;
    }

    /// <summary>Puts a player's paddle at <paramref name="y"/>, unclamped. For tests.</summary>
    internal void PlacePaddle(Guid userId, double y) => _paddleY[SideOf(userId)] = y;

    private int SideOf(Guid userId) =>
        userId == _playerIds[Left] ? Left
        : userId == _playerIds[Right] ? Right
        : throw GameErrors.NotInRoom();

    private double NextUnit()
    {
        var r = _random();
        // A misbehaving source must not make the ball leave at a wild angle.
        return double.IsFinite(r) ? Math.Clamp(r, 0, 1) : 0.5;
    }

    private void MovePaddles()
    {
        for (var side = Left; side <= Right; side++)
        {
            var y = _paddleY[side] + (_intent[side].Direction * PaddleSpeed);
            _paddleY[side] = Math.Clamp(y, 0, FieldHeight - PaddleHeight);
        }
    }

    private void MoveBall()
    {
        const double maxY = FieldHeight - BallSize;
        var remaining = 1.0;

        // Each pass moves the ball to the first thing it meets this tick (a wall or a paddle face), turns
        // it there, and goes on with the rest of the tick. A handful of passes covers the fastest ball.
        for (var pass = 0; pass < 8 && remaining > 0; pass++)
        {
            var t = remaining;
            var hit = Contact.None;

            if (_vy < 0 && -_y / _vy < t)
            {
                (t, hit) = (Math.Max(0, -_y / _vy), Contact.Top);
            }
            else if (_vy > 0 && (maxY - _y) / _vy < t)
            {
                (t, hit) = (Math.Max(0, (maxY - _y) / _vy), Contact.Bottom);
            }

            // The straight-line y at the face is only trusted when the face comes before any wall,
            // which is exactly when tFace <= t.
            if (_vx < 0 && _x >= LeftFaceX)
            {
                var tFace = (LeftFaceX - _x) / _vx;
                if (tFace <= t && Overlaps(Left, _y + (_vy * tFace)))
                {
                    (t, hit) = (tFace, Contact.LeftPaddle);
                }
            }
            else if (_vx > 0 && _x + BallSize <= RightFaceX)
            {
                var tFace = (RightFaceX - BallSize - _x) / _vx;
                if (tFace <= t && Overlaps(Right, _y + (_vy * tFace)))
                {
                    (t, hit) = (tFace, Contact.RightPaddle);
                }
            }

            _x += _vx * t;
            _y += _vy * t;
            remaining -= t;

            switch (hit)
            {
                case Contact.Top:
                    _y = 0;
                    _vy = -_vy;
                    break;
                case Contact.Bottom:
                    _y = maxY;
                    _vy = -_vy;
                    break;
                case Contact.LeftPaddle:
                    _x = LeftFaceX;
                    Bounce(Left);
                    break;
                case Contact.RightPaddle:
                    _x = RightFaceX - BallSize;
                    Bounce(Right);
                    break;
                case Contact.None:
                default:
                    remaining = 0;
                    break;
            }
        }
    }

    /// <summary>Whether a ball whose top is at <paramref name="ballY"/> touches the paddle's face.</summary>
    private bool Overlaps(int side, double ballY) =>
        ballY + BallSize >= _paddleY[side] && ballY <= _paddleY[side] + PaddleHeight;

    private void Bounce(int side)
    {
        // Where the ball's centre meets the paddle, from -1 (top end, ball just touching) to 1 (bottom end).
        var reach = (PaddleHeight / 2) + (BallSize / 2);
        var offset = Math.Clamp((_y + (BallSize / 2) - (_paddleY[side] + (PaddleHeight / 2))) / reach, -1, 1);
        var angle = offset * MaxBounceAngleDegrees * Math.PI / 180;
        var speed = Math.Min(Math.Sqrt((_vx * _vx) + (_vy * _vy)) * SpeedGrowthPerHit, MaxSpeed);
        _vx = (side == Left ? 1 : -1) * speed * Math.Cos(angle);
        _vy = speed * Math.Sin(angle);
    }

    private PointScored Point(int scorer)
    {
        _score[scorer]++;
        for (var side = Left; side <= Right; side++)
        {
            _maxDeficit[side] = Math.Max(_maxDeficit[side], _score[1 - side] - _score[side]);
        }

        (_x, _y, _vx, _vy) = (BallStartX, BallStartY, 0, 0);
        if (_score[scorer] >= Settings.WinningScore)
        {
            _winner = scorer;
        }
        else
        {
            // The player who lost the point receives the next serve.
            _serveToward = 1 - scorer;
            _serveIn = ServePauseTicks;
        }

        return new PointScored(_playerIds[scorer], _score.ToArray());
    }

    private void Serve(int toward)
    {
        var angle = ((NextUnit() * 2) - 1) * MaxServeAngleDegrees * Math.PI / 180;
        (_x, _y) = (BallStartX, BallStartY);
        _vx = (toward == Left ? -1 : 1) * ServeSpeed * Math.Cos(angle);
        _vy = ServeSpeed * Math.Sin(angle);
    }

    private enum Contact
    {
        None,
        Top,
        Bottom,
        LeftPaddle,
        RightPaddle,
    }
}
