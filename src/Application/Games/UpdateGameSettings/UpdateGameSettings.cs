using Mediator;
using Transcendence.Application.Common;
using Transcendence.Application.GameServer.Remote;

namespace Transcendence.Application.Games.UpdateGameSettings;

/// <summary>The host changes any subset of the settings in the settings room (bounds: <see cref="Domain.Games.GameSettings"/>).</summary>
public sealed record UpdateGameSettings(Guid UserId, Guid RoomId, int? WinningScore, double? BallSpeed, int? PaddleSize)
    : ICommand, ILiveStateCommand;

public sealed class UpdateGameSettingsHandler(GameRooms rooms) : ICommandHandler<UpdateGameSettings>
{
    public async ValueTask<Unit> Handle(UpdateGameSettings command, CancellationToken cancellationToken)
    {
        await rooms.AskAsync(
            command.RoomId,
            new ChangeSettings(command.RoomId, command.UserId, command.WinningScore, command.BallSpeed, command.PaddleSize),
            cancellationToken);
        return Unit.Value;
    }
}
