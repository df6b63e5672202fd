namespace Transcendence.Application.Common;

/// <summary>
/// A command whose only write to the store is one atomic call (on PostgreSQL one autocommitted
/// statement), made after it has read and decided: it runs without a unit of work, so it holds no
/// transaction and no writer's turn while it reads. What it reads it reads committed; a change committed
/// between its reads and its write means what that change would mean arriving a moment later.
/// </summary>
public interface IAtomicWriteCommand;
