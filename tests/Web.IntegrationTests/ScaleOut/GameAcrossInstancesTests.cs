using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Transcendence.Web.IntegrationTests.Game;
using Transcendence.Web.IntegrationTests.Infrastructure;
using static Transcendence.Web.IntegrationTests.Game.GameTestKit;

namespace Transcendence.Web.IntegrationTests.ScaleOut;

/// <summary>
/// The game across instances (issue 15; design: each room owned by the instance that opened it, one cluster
/// queue, the owner's sends through the hubs' registries, an owner's death ends its rooms with
/// <c>instance_lost</c>). Three app processes on one PostgreSQL and one Redis on the real clock, players and
/// spectators on different instances; the tests that kill an instance add one of their own
/// (<see cref="ScaleOutCluster.AddInstanceAsync"/>), so the three stay up for every test whatever the order.
/// The test cases that put everyone on one instance are the baseline: they check the kit on what works with
/// one instance.
/// </summary>
[NonParallelizable]
public sealed class GameAcrossInstancesTests
{
    private const int A = 0;
    private const int B = 1;
    private const int C = 2;

    /// <summary>Short, so a dead instance is found out within seconds: its lease lapses after this.</summary>
    private const string LeaseTtl = "00:00:03";

    /// <summary>
    /// A player lost here (counted out at most a lease time and a beat after their instance died) comes back at
    /// once, well within this on a busy machine; no test waits for it to run out.
    /// </summary>
    private const string ReconnectGrace = "00:00:30";

    /// <summary>The bound for what waits on a lease (an instance's death found out) or on a whole point in play.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private ScaleOutCluster _cluster = null!;

    [OneTimeSetUp]
    public async Task StartCluster() => _cluster = await ScaleOutCluster.StartAsync(
        instances: 3,
        new Dictionary<string, string>
        {
            ["ScaleOut__LeaseTtl"] = LeaseTtl,
            ["Game__ReconnectGrace"] = ReconnectGrace,
            // Players are lost here by closed connections and dead instances, never by a ping missed on a busy machine.
            ["Game__HeartbeatInterval"] = "01:00:00",
        });

    [OneTimeTearDown]
    public async Task StopCluster() => await _cluster.DisposeAsync();

    [TestCase(A, A, TestName = "Two players queued on one instance of the cluster are matched into one room (baseline)")]
    [TestCase(A, B)]
    public async Task Two_players_queued_on_two_instances_are_matched_into_one_room_and_reach_its_settings(int hostAt, int guestAt)
    {
        await using var alice = await PlayerAsync(hostAt, "alice");
        await using var bob = await PlayerAsync(guestAt, "bob");

        var roomId = await alice.JoinQueueAsync();
        (await bob.JoinQueueAsync()).ShouldBe(roomId, _cluster.Output);

        foreach (var player in new[] { alice, bob })
        {
            var matched = await player.NextAsync("Matched");
            matched["roomId"]!.GetValue<string>().ShouldBe(roomId.ToString());
            PlayerIds(matched).ShouldBe([alice.Id, bob.Id]);
            (await player.NextAsync("RoomUpdated", InPhase("settings")))["roomId"]!.GetValue<string>().ShouldBe(roomId.ToString());
        }
    }

    [Test]
    public async Task Twenty_players_queued_at_once_on_three_instances_are_each_matched_exactly_once_into_ten_rooms_of_two()
    {
        var players = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => PlayerAsync(i % 3, $"crowd{i}")));
        try
        {
            // The speed queue: nothing another test may have left in the classic one can take part.
            var joined = await Task.WhenAll(players.Select(player => player.JoinQueueAsync("speed")));
            var matched = await Task.WhenAll(players.Select(player => player.NextAsync("Matched", wait: Patience)));

            for (var i = 0; i < players.Length; i++)
            {
                matched[i]["roomId"]!.GetValue<string>().ShouldBe(joined[i].ToString(), $"player {i} was matched into another room than JoinQueue answered");
                PlayerIds(matched[i]).ShouldContain(players[i].Id);
            }

            var rooms = players.Select((player, i) => (player.Id, Room: joined[i], Told: PlayerIds(matched[i]))).GroupBy(seat => seat.Room).ToList();
            rooms.Count.ShouldBe(10, _cluster.Output);
            foreach (var room in rooms)
            {
                var seated = room.Select(seat => seat.Id).ToList();
                seated.Count.ShouldBe(2, $"room {room.Key}");
                foreach (var seat in room)
                {
                    seat.Told.ShouldBe(seated, ignoreOrder: true, $"the Matched of room {room.Key} names its two players");
                }
            }

            // Nobody in two rooms: no second Matched anywhere.
            await Task.WhenAll(players.Select(player => player.Hub.ShouldReceiveNoneAsync("Matched")));
        }
        finally
        {
            foreach (var player in players)
            {
                await player.DisposeAsync();
            }
        }
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task Two_players_who_block_each_other_on_two_instances_are_never_matched_and_a_third_takes_the_first(bool firstBlocks)
    {
        await using var alice = await PlayerAsync(A, "alice");
        await using var bob = await PlayerAsync(B, "bob");
        await using var carol = await PlayerAsync(C, "carol");
        var (blocker, blocked) = firstBlocks ? (alice, bob) : (bob, alice);
        (await blocker.Api.Http.PutAsync($"/api/users/me/blocks/{blocked.Id}", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var aliceRoom = await alice.JoinQueueAsync();
        var bobRoom = await bob.JoinQueueAsync();
        bobRoom.ShouldNotBe(aliceRoom, "a blocked pair was put in one room");
        (await carol.JoinQueueAsync()).ShouldBe(aliceRoom, _cluster.Output);

        (await alice.NextAsync("Matched"))["roomId"]!.GetValue<string>().ShouldBe(aliceRoom.ToString());
        (await carol.NextAsync("Matched"))["roomId"]!.GetValue<string>().ShouldBe(aliceRoom.ToString());
        await bob.Hub.ShouldReceiveNoneAsync("Matched");
        await bob.InvokeAsync("LeaveQueue");
    }

    [Test]
    public async Task An_invitation_from_one_instance_reaches_the_invitee_on_another_who_accepts_there()
    {
        await using var alice = await PlayerAsync(A, "alice");
        await using var bob = await PlayerAsync(B, "bob");

        var roomId = await alice.InviteAsync(bob);

        var invited = await bob.NextAsync("Invited");
        invited["roomId"]!.GetValue<string>().ShouldBe(roomId.ToString());
        invited["from"]!["id"]!.GetValue<string>().ShouldBe(alice.Id.ToString());
        await bob.InvokeAsync("AcceptInvite", roomId);
        foreach (var player in new[] { alice, bob })
        {
            (await player.NextAsync("Matched"))["roomId"]!.GetValue<string>().ShouldBe(roomId.ToString());
            (await player.NextAsync("RoomUpdated", InPhase("settings")))["roomId"]!.GetValue<string>().ShouldBe(roomId.ToString());
        }
    }

    [Test]
    public async Task An_invitation_across_instances_is_declined_from_the_invitees_and_canceled_from_the_hosts()
    {
        await using var alice = await PlayerAsync(A, "alice");
        await using var bob = await PlayerAsync(B, "bob");

        var declined = await alice.InviteAsync(bob);
        await bob.NextAsync("Invited");
        await bob.InvokeAsync("DeclineInvite", declined);
        (await alice.NextAsync("InviteDeclined"))["roomId"]!.GetValue<string>().ShouldBe(declined.ToString());

        var canceled = await alice.InviteAsync(bob);
        await bob.NextAsync("Invited", e => e["roomId"]!.GetValue<string>() == canceled.ToString());
        await alice.InvokeAsync("CancelInvite", canceled);
        (await bob.NextAsync("InviteCanceled"))["roomId"]!.GetValue<string>().ShouldBe(canceled.ToString());
        (await RefusalOf(() => bob.InvokeAsync("AcceptInvite", canceled))).ShouldStartWith("game.not_found:");
    }

    [TestCase(A, A, A, TestName = "A full game on one instance of the cluster, watched there, is stored once (baseline)")]
    [TestCase(A, B, C)]
    public async Task Players_on_two_instances_play_to_the_winning_score_watched_from_a_third_and_the_match_is_stored_once(
        int hostAt, int guestAt, int spectatorAt)
    {
        await using var alice = await PlayerAsync(hostAt, "alice");
        await using var bob = await PlayerAsync(guestAt, "bob");
        await using var carol = await PlayerAsync(spectatorAt, "carol");
        const int winningScore = 2;

        var roomId = await MatchAndReadyAsync(alice, bob, Slow(winningScore));
        // Other instances' rooms are listed from the snapshots each publishes every second.
        await _cluster.EventuallyAsync(
            async () => (await LiveAsync(carol.Api)).Any(game => game!["roomId"]!.GetValue<string>() == roomId.ToString()),
            TimeSpan.FromSeconds(10), "the room is listed by GET /api/games/live on the spectator's instance");
        await carol.InvokeAsync("Spectate", roomId);

        var ended = await PlayOutAsync(alice, bob, winningScore);

        var score = Score(ended);
        score.Max().ShouldBe(winningScore);
        var points = score.Sum();
        var winnerId = score[0] == winningScore ? alice.Id : bob.Id;
        var loserId = winnerId == alice.Id ? bob.Id : alice.Id;
        (await carol.NextAsync("State"))["roomId"]!.GetValue<string>().ShouldBe(roomId.ToString());
        (await bob.NextAsync("State"))["roomId"]!.GetValue<string>().ShouldBe(roomId.ToString());
        for (var point = 0; point < points; point++)
        {
            await bob.NextAsync("Scored");
        }

        // The spectator came in during the countdown or the first point: it sees the last point at least.
        await carol.NextAsync("Scored", s => Score(s).Sum() == points);
        foreach (var player in new[] { alice, bob, carol })
        {
            var end = player == alice ? ended : await player.NextAsync("GameEnded", wait: Patience);
            end["roomId"]!.GetValue<string>().ShouldBe(roomId.ToString());
            end["reason"]!.GetValue<string>().ShouldBe("score");
            end["winnerId"]!.GetValue<string>().ShouldBe(winnerId.ToString());
            end["ratingChange"]![winnerId.ToString()]!.GetValue<int>().ShouldBe(16);
            end["ratingChange"]![loserId.ToString()]!.GetValue<int>().ShouldBe(-16);
        }

        foreach (var player in new[] { alice, bob, carol })
        {
            await player.Hub.ShouldReceiveNoneAsync("GameEnded");
        }

        // Stored once: one match (its id is the room's), and one rating change each (from 1000, K = 32).
        foreach (var player in new[] { alice, bob })
        {
            var history = await HistoryAsync(carol.Api, player.Id);
            history.ShouldHaveSingleItem()!["id"]!.GetValue<string>().ShouldBe(roomId.ToString());
        }

        var winner = await ProfileAsync(carol.Api, winnerId);
        winner["stats"]!["wins"]!.GetValue<int>().ShouldBe(1);
        winner["stats"]!["rating"]!.GetValue<int>().ShouldBe(1016);
        var loser = await ProfileAsync(carol.Api, loserId);
        loser["stats"]!["losses"]!.GetValue<int>().ShouldBe(1);
        loser["stats"]!["rating"]!.GetValue<int>().ShouldBe(984);
    }

    [TestCase(A, A, A, TestName = "A player whose connection closed comes back on the same instance within grace and plays on (baseline)")]
    [TestCase(A, B, C)]
    public async Task A_player_whose_connection_closed_comes_back_on_another_instance_within_grace_and_the_game_resumes(
        int hostAt, int guestAt, int backAt)
    {
        await using var alice = await PlayerAsync(hostAt, "alice");
        await using var bob = await PlayerAsync(guestAt, "bob");
        var roomId = await PlayingAsync(alice, bob);

        await bob.Hub.DisposeAsync();

        await CountedOutAsync(alice, bob);

        await ResumesAsync(roomId, alice, bob, backAt);
    }

    [Test]
    public async Task When_the_owner_of_a_room_is_killed_the_remote_player_and_spectator_get_instance_lost_nothing_is_stored_and_both_may_queue_again()
    {
        var doomed = await _cluster.AddInstanceAsync();
        var aliceLogin = Unique("alice");
        await using var alice = await GamePlayer.ConnectAsync(await _cluster.LoginAsync(doomed, aliceLogin), Server(doomed));
        await using var bob = await PlayerAsync(B, "bob");
        await using var carol = await PlayerAsync(C, "carol");
        // Alice hosts: her instance opened the room and owns it.
        var roomId = await PlayingAsync(alice, bob);
        await carol.InvokeAsync("Spectate", roomId);
        (await carol.NextAsync("State"))["roomId"]!.GetValue<string>().ShouldBe(roomId.ToString());

        await _cluster.KillAsync(doomed);

        foreach (var remote in new[] { bob, carol })
        {
            var ended = await remote.NextAsync("GameEnded", wait: Patience);
            ended["roomId"]!.GetValue<string>().ShouldBe(roomId.ToString());
            ended["reason"]!.GetValue<string>().ShouldBe("instance_lost");
            ended["winnerId"].ShouldBeNull();
            ended["ratingChange"]!.AsObject().ShouldBeEmpty();
        }

        foreach (var player in new[] { alice.Id, bob.Id })
        {
            (await HistoryAsync(carol.Api, player)).ShouldBeEmpty("nothing is stored for a room whose owner died");
            var stats = (await ProfileAsync(carol.Api, player))["stats"]!;
            stats["rating"]!.GetValue<int>().ShouldBe(1000);
            (stats["wins"]!.GetValue<int>() + stats["losses"]!.GetValue<int>()).ShouldBe(0);
        }

        // Their seats were the dead owner's: both queue again (alice from another instance) and meet.
        await using var aliceBack = await GamePlayer.ConnectAsync(await _cluster.LoginAsync(C, aliceLogin), Server(C));
        var again = await QueueOnceFreeAsync(aliceBack);
        (await QueueOnceFreeAsync(bob)).ShouldBe(again);
        (await aliceBack.NextAsync("Matched"))["roomId"]!.GetValue<string>().ShouldBe(again.ToString());
    }

    [Test]
    public async Task When_the_instance_of_the_other_player_is_killed_the_owner_holds_their_seat_and_they_come_back_on_a_third_and_play_on()
    {
        var doomed = await _cluster.AddInstanceAsync();
        await using var alice = await PlayerAsync(A, "alice");
        await using var bob = await PlayerAsync(doomed, "bob");
        var roomId = await PlayingAsync(alice, bob);

        await _cluster.KillAsync(doomed);

        // Nobody told the owner: it counts bob out when his instance's lease lapses, and holds his seat.
        await CountedOutAsync(alice, bob);

        await ResumesAsync(roomId, alice, bob, C);
    }

    [Test]
    public async Task A_hub_call_about_a_room_whose_owner_is_gone_answers_a_coded_error_and_the_connection_stays_open()
    {
        var doomed = await _cluster.AddInstanceAsync();
        await using var alice = await PlayerAsync(doomed, "alice");
        await using var bob = await PlayerAsync(B, "bob");
        await using var carol = await PlayerAsync(C, "carol");
        var roomId = await alice.InviteAsync(bob);
        await bob.NextAsync("Invited");
        await bob.InvokeAsync("AcceptInvite", roomId);
        await bob.NextAsync("Matched");

        await _cluster.KillAsync(doomed);

        // While the owner does not answer: game.unavailable; once the cluster has forgotten it: game.not_found.
        string[] gone = ["game.unavailable:", "game.not_found:"];
        foreach (var (caller, call) in new (GamePlayer, Func<Task>)[]
        {
            (bob, () => bob.InvokeAsync("SetReady", roomId, true)),
            (carol, () => carol.InvokeAsync("Spectate", roomId)),
        })
        {
            var refusal = await RefusalOf(call);
            gone.Any(code => refusal.StartsWith(code, StringComparison.Ordinal)).ShouldBeTrue(refusal);
            await caller.InvokeAsync("Pong", 0L);
            caller.Hub.Connection.State.ShouldBe(HubConnectionState.Connected);
        }

        await _cluster.ReadEventuallyAsync(
            () => RefusalOf(() => bob.InvokeAsync("SetReady", roomId, true)),
            refusal => refusal.StartsWith("game.not_found:", StringComparison.Ordinal),
            Patience, "a call about the dead owner's room answers game.not_found once the cluster forgot it");
        (await RefusalOf(() => carol.InvokeAsync("Spectate", roomId))).ShouldStartWith("game.not_found:");
        bob.Hub.Closed.IsCompleted.ShouldBeFalse();
        carol.Hub.Closed.IsCompleted.ShouldBeFalse();
    }

    [Test]
    public async Task After_Redis_restarts_empty_the_owner_writes_its_rooms_again_they_are_reached_seats_are_busy_and_a_waiting_room_is_matched()
    {
        await using var alice = await PlayerAsync(A, "alice");
        await using var bob = await PlayerAsync(B, "bob");
        await using var carol = await PlayerAsync(A, "carol");
        await using var dave = await PlayerAsync(C, "dave");
        await using var erin = await PlayerAsync(C, "erin");
        // A owns both rooms: alice's, where bob (on B) was matched, and carol's, waiting in the speed queue.
        var roomId = await alice.JoinQueueAsync();
        (await bob.JoinQueueAsync()).ShouldBe(roomId, _cluster.Output);
        await bob.NextAsync("Matched");
        var waiting = await carol.JoinQueueAsync("speed");
        var restated = Occurrences(A, "Redis had lost instance");

        await _cluster.Redis.RestartAsync();

        // Redis came back with nothing; A notices within a second and writes its part again.
        await _cluster.EventuallyAsync(
            () => Task.FromResult(Occurrences(A, "Redis had lost instance") > restated), Patience, "instance A writing its rooms again");
        await _cluster.EventuallyAsync(
            async () =>
            {
                try
                {
                    await dave.InvokeAsync("Spectate", roomId);
                    return true;
                }
                catch (HubException refused) when (refused.Message.Contains("game.not_found:", StringComparison.Ordinal)
                    || refused.Message.Contains("unavailable:", StringComparison.Ordinal))
                {
                    return false; // C's connection to Redis is not back yet, or A has not written its rooms again yet
                }
            },
            Patience, "dave, on C, watching alice's room on A (C never looked its owner up before: game.not_found until A wrote it again)");
        (await dave.NextAsync("RoomUpdated"))["roomId"]!.GetValue<string>().ShouldBe(roomId.ToString());
        (await _cluster.ReadEventuallyAsync(
            () => RefusalOf(() => bob.JoinQueueAsync()),
            refusal => !refusal.StartsWith("unavailable:", StringComparison.Ordinal),
            Patience, "B's connection to Redis back")).ShouldStartWith("game.busy:", customMessage: "bob's seat in alice's room holds again");
        // The waiting room is matched again once A's lease is back too (its presence tracker renews it within a beat).
        (await _cluster.ReadEventuallyAsync(
            async () =>
            {
                var joined = await erin.JoinQueueAsync("speed");
                if (joined != waiting)
                {
                    await erin.InvokeAsync("LeaveQueue");
                }

                return joined;
            },
            joined => joined == waiting, Patience, "erin, on C, matched into carol's waiting room on A")).ShouldBe(waiting);
        (await carol.NextAsync("Matched"))["roomId"]!.GetValue<string>().ShouldBe(waiting.ToString());
    }

    /// <summary>How many times <paramref name="text"/> was written by the instance so far.</summary>
    private int Occurrences(int instance, string text)
    {
        var output = _cluster.Instances[instance].Output;
        var count = 0;
        for (var at = output.IndexOf(text, StringComparison.Ordinal); at >= 0; at = output.IndexOf(text, at + text.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>A new user signed in on <paramref name="instance"/>, with a game connection to it.</summary>
    private async Task<GamePlayer> PlayerAsync(int instance, string name) =>
        await GamePlayer.ConnectAsync(await _cluster.LoginAsync(instance, Unique(name)), Server(instance));

    private Uri Server(int instance) => _cluster.Instances[instance].BaseAddress;

    /// <summary>Settings for a short game whose serves cross the field in about two seconds (time to step aside).</summary>
    private static object Slow(int winningScore) => new { winningScore, ballSpeed = 0.5 };

    /// <summary>Queued, matched (the host's instance owns the room), ready, counted down: the room is playing, far from its end.</summary>
    private static async Task<Guid> PlayingAsync(GamePlayer host, GamePlayer guest)
    {
        var roomId = await MatchAndReadyAsync(host, guest, Slow(winningScore: 21));
        await host.NextAsync("RoomUpdated", InPhase("playing"));
        await guest.NextAsync("RoomUpdated", InPhase("playing"));
        return roomId;
    }

    /// <summary>The room counts <paramref name="player"/> out: <paramref name="other"/> hears why, and the game pauses.</summary>
    private static async Task CountedOutAsync(GamePlayer other, GamePlayer player)
    {
        var left = await other.NextAsync("PlayerLeft", wait: Patience);
        left["userId"]!.GetValue<string>().ShouldBe(player.Id.ToString());
        left["reason"]!.GetValue<string>().ShouldBe("disconnected");
        await other.NextAsync("RoomUpdated", Paused(true));
    }

    /// <summary>
    /// <paramref name="player"/> (whose seat is held) connects to <paramref name="instance"/>: the game resumes for
    /// both, states flow to the new connection, its inputs are taken, and nobody forfeits.
    /// </summary>
    private async Task ResumesAsync(Guid roomId, GamePlayer other, GamePlayer player, int instance)
    {
        await player.ReconnectAsync(Server(instance));

        var resumed = await player.NextAsync("RoomUpdated", Paused(false), Patience);
        resumed["roomId"]!.GetValue<string>().ShouldBe(roomId.ToString());
        resumed["phase"]!.GetValue<string>().ShouldBe("playing");
        await other.NextAsync("RoomUpdated", Paused(false));
        (await player.NextAsync("State"))["roomId"]!.GetValue<string>().ShouldBe(roomId.ToString());
        await player.InvokeAsync("Input", roomId, new { up = true, down = false, seq = 1 });
        await other.Hub.ShouldReceiveNoneAsync("GameEnded");
        await player.Hub.ShouldReceiveNoneAsync("GameEnded");
    }

    /// <summary>
    /// Plays a room in play to its end on the real clock: at each serve both players move their paddles away from
    /// the ball (a serve cannot reach a far corner before the goal line), so every serve scores. Returns the host's
    /// <c>GameEnded</c>; the host has read every <c>Scored</c>.
    /// </summary>
    private static async Task<JsonNode> PlayOutAsync(GamePlayer host, GamePlayer guest, int winningScore)
    {
        for (var points = 0; ; points++)
        {
            // The ball rests a second after a point (vx 0); the first state of the next serve tells where it goes.
            var serve = await host.NextAsync(
                "State", state => Score(state).Sum() == points && state["ball"]!["vx"]!.GetValue<double>() != 0, Patience);
            await StepAsideAsync(serve, points + 1, host, guest);
            var scored = await host.NextAsync("Scored", wait: Patience);
            if (Score(scored).Max() == winningScore)
            {
                return await host.NextAsync("GameEnded", wait: Patience);
            }
        }
    }

    /// <summary>
    /// Joins the queue as soon as the player's seat is free again (the cluster forgets a dead owner's seats within a
    /// lease time): <c>game.busy</c> until then, nothing else.
    /// </summary>
    private async Task<Guid> QueueOnceFreeAsync(GamePlayer player)
    {
        Guid? roomId = null;
        await _cluster.EventuallyAsync(async () =>
        {
            try
            {
                roomId = await player.JoinQueueAsync();
                return true;
            }
            catch (HubException busy) when (busy.Message.Contains("game.busy:", StringComparison.Ordinal))
            {
                return false;
            }
        }, Patience, "the player's seat in the dead owner's room is released (JoinQueue stops answering game.busy)");
        return roomId!.Value;
    }

    private static Func<JsonNode, bool> Paused(bool paused) => update => update["paused"]!.GetValue<bool>() == paused;

    private static int[] Score(JsonNode node) => [.. node["score"]!.AsArray().Select(s => s!.GetValue<int>())];

    private static List<Guid> PlayerIds(JsonNode matched) =>
        [.. matched["players"]!.AsArray().Select(p => Guid.Parse(p!["id"]!.GetValue<string>()))];

    private static async Task<JsonArray> LiveAsync(ApiClient viewer) =>
        (await (await viewer.Http.GetAsync("/api/games/live")).ReadJsonAsync(HttpStatusCode.OK)).AsArray();

    private static async Task<JsonArray> HistoryAsync(ApiClient viewer, Guid userId) =>
        (await (await viewer.Http.GetAsync($"/api/users/{userId}/matches")).ReadJsonAsync(HttpStatusCode.OK)).AsArray();

    private static async Task<JsonNode> ProfileAsync(ApiClient viewer, Guid userId) =>
        await (await viewer.Http.GetAsync($"/api/users/{userId}")).ReadJsonAsync(HttpStatusCode.OK);

    private static string Unique(string name) => $"{name}{Guid.NewGuid():N}"[..16];
}
