using Mediator;
using Transcendence.Application.Common.Realtime;

namespace Transcendence.Application.Games.UpdateGameSettings;

/// <summary>The host changes any subset of the settings in the settings room (bounds: <see cref="Domain.Games.GameSettings"/>).</summary>
public sealed record UpdateGameSettings(Guid UserId, Guid RoomId, int? WinningScore, double? BallSpeed, int? PaddleSize) : ICommand;

public sealed class UpdateGameSettingsHandler(GameLobby lobby, GameOutbox outbox, IRealtimeNotifier notifier)
    : ICommandHandler<UpdateGameSettings>
{
    public ValueTask<Unit> Handle(UpdateGameSettings command, CancellationToken cancellationToken)
    {
        notifier.Post(outbox, lobby.UpdateSettings(command.UserId, command.RoomId, command.WinningScore, command.BallSpeed, command.PaddleSize));
        return ValueTask.FromResult(Unit.Value);
    }
}
