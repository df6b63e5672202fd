using Transcendence.Application.Common.Ports;
using Transcendence.Application.Users;

namespace Transcendence.Infrastructure.Presence;

/// <summary>
/// Presence on one instance: who the hubs' registries hold here, and who is playing, behind one lock (tiny
/// critical sections). It counts no connections; it hears a user's first arrival and last departure and keeps
/// arrivals minus departures, so a departure and an arrival that race each other end right in either order.
/// </summary>
public sealed class InProcessPresenceTracker : IPresenceTracker
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, int> _here = [];
    private readonly HashSet<Guid> _inGame = [];

    public ValueTask<bool> ArrivedAsync(Guid userId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Change(userId, () => _here[userId] = _here.GetValueOrDefault(userId) + 1));

    public ValueTask<bool> LeftAsync(Guid userId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Change(userId, () =>
        {
            var here = _here.GetValueOrDefault(userId) - 1;
            if (here == 0)
            {
                _here.Remove(userId);
            }
            else
            {
                _here[userId] = here;
            }
        }));

    public ValueTask<bool> SetInGameAsync(Guid userId, bool inGame, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Change(userId, () =>
        {
            if (inGame)
            {
                _inGame.Add(userId);
            }
            else
            {
                _inGame.Remove(userId);
            }
        }));

    public string StatusOf(Guid userId)
    {
        lock (_gate)
        {
            return StatusLocked(userId);
        }
    }

    private bool Change(Guid userId, Action change)
    {
        lock (_gate)
        {
            var before = StatusLocked(userId);
            change();
            return StatusLocked(userId) != before;
        }
    }

    private string StatusLocked(Guid userId) =>
        _inGame.Contains(userId) ? UserStatus.InGame
        : _here.GetValueOrDefault(userId) > 0 ? UserStatus.Online
        : UserStatus.Offline;
}
