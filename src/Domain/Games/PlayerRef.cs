using Transcendence.Domain.Users;

namespace Transcendence.Domain.Games;

/// <summary>
/// Someone in a room (a player, a spectator or the invited user) as the room keeps them: their id and the
/// name they had when they came in. Anything that can change meanwhile (blocks above all) is not kept: it
/// comes in fresh with each command that needs it (<see cref="BlockState"/>).
/// </summary>
public sealed record PlayerRef(Guid Id, string Name)
{
    public static PlayerRef Of(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new PlayerRef(user.Id, user.DisplayName.Value);
    }
}
