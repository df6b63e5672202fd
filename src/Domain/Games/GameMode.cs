namespace Transcendence.Domain.Games;

/// <summary>How a game plays. Wire names: <c>classic</c>, <c>speed</c> (see <see cref="GameModes"/>).</summary>
public enum GameMode
{
    /// <summary>The ball is served at the base speed.</summary>
    Classic,
    /// <summary>The ball is served <see cref="PongGame.SpeedModeFactor"/> times faster.</summary>
    Speed,
}
