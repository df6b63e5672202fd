using Transcendence.Domain.Common;

namespace Transcendence.Domain.Games;

/// <summary>The wire names of <see cref="GameMode"/>.</summary>
public static class GameModes
{
    public const string Classic = "classic";
    public const string Speed = "speed";

    public static GameMode Parse(string? name) => name switch
    {
        Classic => GameMode.Classic,
        Speed => GameMode.Speed,
        _ => throw new DomainException("validation", ErrorKind.Invalid, $"a game mode is '{Classic}' or '{Speed}'"),
    };

    public static string ToName(this GameMode mode) => mode switch
    {
        GameMode.Classic => Classic,
        GameMode.Speed => Speed,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "unknown game mode"),
    };
}
