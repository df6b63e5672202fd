using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.Game;

/// <summary>Moves the app's fake clock and drives rooms through their phases, the way clients would.</summary>
internal static class GameTestKit
{
    /// <summary>No heartbeat in the way unless a test is about it.</summary>
    public static readonly IReadOnlyDictionary<string, string?> QuietHeartbeat = new Dictionary<string, string?>
    {
        ["Game:HeartbeatInterval"] = "01:00:00",
    };

    /// <summary>
    /// Moves the clock forward in small steps, letting the loop keep up (it would skip ahead after a long
    /// stall), until <paramref name="done"/> says so or <paramref name="total"/> has passed.
    /// </summary>
    public static async Task AdvanceAsync(TranscendenceApp app, TimeSpan total, Func<bool>? done = null, TimeSpan? step = null)
    {
        var stride = step ?? TimeSpan.FromMilliseconds(100);
        for (var moved = TimeSpan.Zero; moved < total; moved += stride)
        {
            if (done?.Invoke() == true)
            {
                return;
            }

            app.Clock.Advance(stride);
            await Task.Delay(2);
        }
    }

    public static string Phase(JsonNode roomUpdated) => roomUpdated["phase"]!.GetValue<string>();

    public static Func<JsonNode, bool> InPhase(string phase) => node => Phase(node) == phase;

    /// <summary>Both queue for classic, the host sets the winning score, both get ready; returns the room in countdown.</summary>
    public static Task<Guid> MatchAndReadyAsync(GamePlayer host, GamePlayer guest, int winningScore = 1) =>
        MatchAndReadyAsync(host, guest, new { winningScore });

    /// <summary>Both queue for classic, the host sends <paramref name="settings"/>, both get ready; returns the room in countdown.</summary>
    public static async Task<Guid> MatchAndReadyAsync(GamePlayer host, GamePlayer guest, object settings)
    {
        var roomId = await host.JoinQueueAsync();
        (await guest.JoinQueueAsync()).ShouldBe(roomId);
        await host.NextAsync("Matched");
        await guest.NextAsync("Matched");
        await host.InvokeAsync("UpdateSettings", roomId, settings);
        await host.InvokeAsync("SetReady", roomId, true);
        await guest.InvokeAsync("SetReady", roomId, true);
        await host.NextAsync("RoomUpdated", InPhase("countdown"));
        return roomId;
    }

    /// <summary>Runs the countdown out: the room is playing and its first <c>State</c> has been sent.</summary>
    public static async Task<JsonNode> StartPlayAsync(TranscendenceApp app, GamePlayer host)
    {
        await AdvanceAsync(app, TimeSpan.FromSeconds(3));
        await host.NextAsync("RoomUpdated", InPhase("playing"));
        return await host.NextAsync("State");
    }

    /// <summary>
    /// Moves both paddles out of the ball's way (a serve from the centre cannot reach the far end of the
    /// field vertically before a goal line), so the receiver misses and the server scores.
    /// </summary>
    public static Task StepAsideAsync(JsonNode state, params GamePlayer[] players) => StepAsideAsync(state, 1, players);

    /// <summary>The same, as each player's input number <paramref name="seq"/> (the server ignores one not above the last).</summary>
    public static async Task StepAsideAsync(JsonNode state, long seq, params GamePlayer[] players)
    {
        var goingUp = state["ball"]!["vy"]!.GetValue<double>() < 0;
        foreach (var player in players)
        {
            await player.InvokeAsync("Input", state["roomId"]!.GetValue<string>(), new { up = !goingUp, down = goingUp, seq });
        }
    }

    /// <summary>A full game to 1: ready, countdown, step aside, time until <c>GameEnded</c>.</summary>
    public static async Task<JsonNode> PlayToOneAsync(TranscendenceApp app, GamePlayer host, GamePlayer guest)
    {
        await MatchAndReadyAsync(host, guest);
        var state = await StartPlayAsync(app, host);
        await StepAsideAsync(state, host, guest);
        var ended = host.NextAsync("GameEnded");
        await AdvanceAsync(app, TimeSpan.FromSeconds(10), () => ended.IsCompleted);
        return await ended;
    }

    /// <summary>
    /// The coded message of a refused invocation. SignalR puts its own sentence before a
    /// <see cref="HubException"/>'s message ("An unexpected error occurred invoking 'X' on the server.
    /// HubException: "); what follows is ours, starting with the code.
    /// </summary>
    public static async Task<string> RefusalOf(Func<Task> call)
    {
        const string marker = "HubException: ";
        var message = (await Should.ThrowAsync<HubException>(call)).Message;
        var at = message.IndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? message : message[(at + marker.Length)..];
    }

    /// <summary>Stored results land a moment after <c>GameEnded</c> (off the tick); poll for them.</summary>
    public static async Task<JsonNode> EventuallyAsync(Func<Task<JsonNode>> read, Func<JsonNode, bool> condition)
    {
        JsonNode last = null!;
        for (var attempt = 0; attempt < 400; attempt++)
        {
            last = await read();
            if (condition(last))
            {
                return last;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"the condition did not become true within 20 s; last: {last.ToJsonString()}");
        return last;
    }
}
