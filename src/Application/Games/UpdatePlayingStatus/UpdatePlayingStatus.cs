using Mediator;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Common.Realtime;
using Transcendence.Application.Common;
using Transcendence.Application.Presence;

namespace Transcendence.Application.Games.UpdatePlayingStatus;

/// <summary>Players start or stop playing: their status is <c>in-game</c> meanwhile, and friends hear of every flip.</summary>
public sealed record UpdatePlayingStatus(IReadOnlyList<Guid> UserIds, bool InGame) : ICommand, ILiveStateCommand;

public sealed class UpdatePlayingStatusHandler(IPresenceTracker presence, IPresenceAudience audience, IRealtimeNotifier notifier)
    : ICommandHandler<UpdatePlayingStatus>
{
    public async ValueTask<Unit> Handle(UpdatePlayingStatus command, CancellationToken cancellationToken)
    {
        foreach (var userId in command.UserIds)
        {
            if (await presence.SetInGameAsync(userId, command.InGame, cancellationToken))
            {
                await PresenceNews.TellWatchersAsync(userId, presence, audience, notifier, cancellationToken);
            }
        }

        return Unit.Value;
    }
}
