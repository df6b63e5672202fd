namespace Transcendence.Application.Common;

/// <summary>
/// A command that changes live state only (presence, connection groups, the game server) and writes
/// nothing to the store: it runs without a unit of work, so it never waits for a writer's turn and never
/// holds one. Whatever it reads from the store it reads committed.
/// </summary>
public interface ILiveStateCommand;
