namespace Transcendence.Application.Common.Ports;

/// <summary>
/// A user's presence as clients see it (<see cref="Users.UserStatus"/>: <c>online</c>, <c>offline</c>,
/// <c>in-game</c>). Every list of users asks it per user, so a real presence service replaces the
/// everyone-offline default in one registration.
/// </summary>
public interface IPresenceLookup
{
    string StatusOf(Guid userId);
}
