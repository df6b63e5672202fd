using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Transcendence.LoadGenerator.Scenarios.Game;

/// <summary>
/// Two bench players kept in one playing room: the host invites the guest (deterministic pairing, no
/// queue), the guest accepts, the host sets the winning score to its maximum, both get ready; when the
/// game ends anyway the pair starts another, so the number of rooms stays constant. Between
/// <c>GameEnded</c> and the new room's first tick (a 3 s countdown) the pair is not playing.
/// </summary>
public sealed class GamePair(GameClient host, GameClient guest)
{
    private readonly object _gate = new();
    private TaskCompletionSource<Guid>? _ended;
    private int _games;

    public GameClient Host { get; } = host;

    public GameClient Guest { get; } = guest;

    /// <summary>Games started, the first included.</summary>
    public int Games => Volatile.Read(ref _games);

    public bool Playing => Host.Playing && Guest.Playing;

    /// <summary>Plays game after game until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task KeepPlayingAsync(CancellationToken cancellationToken)
    {
        Host.Ended = OnEnded;
        Guest.Ended = OnEnded;
        while (!cancellationToken.IsCancellationRequested)
        {
            var ended = new TaskCompletionSource<Guid>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate)
            {
                _ended = ended;
            }

            try
            {
                var room = await Host.Connection.InvokeAsync<RoomRef>("Invite", Guest.User.Id, "classic");
                Host.Play(room.RoomId);
                Guest.Play(room.RoomId);
                await Guest.Connection.InvokeAsync("AcceptInvite", room.RoomId);
                await Host.Connection.InvokeAsync("UpdateSettings", room.RoomId, new { winningScore = 21 });
                await Host.Connection.InvokeAsync("SetReady", room.RoomId, true);
                await Guest.Connection.InvokeAsync("SetReady", room.RoomId, true);
                Interlocked.Increment(ref _games);
                await ended.Task.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception ex) when (Lost || ex is InvalidOperationException)
            {
                // The connection closed (an invocation on a closed one is an InvalidOperationException).
                return;
            }
            catch (HubException ex)
            {
                // A refusal (say the previous room was not gone yet): note it and try again shortly.
                LastRefusal = ex.Message;
                await Task.Delay(500, cancellationToken);
            }

            if (Lost)
            {
                return;
            }
        }
    }

    /// <summary>Either connection closed: the pair stops playing (connections are not reopened).</summary>
    public bool Lost => Host.Lost || Guest.Lost;

    public string? LastRefusal { get; private set; }

    private void OnEnded(Guid roomId)
    {
        lock (_gate)
        {
            _ended?.TrySetResult(roomId);
        }
    }

    private sealed record RoomRef(Guid RoomId);
}
