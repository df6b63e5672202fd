namespace Transcendence.Web.IntegrationTests.EndToEnd;

/// <summary>The client's hub types (src/Client/src/protocol.ts) and the server's hubs describe the same surface.</summary>
public sealed class HubSurfaceTests
{
    private static readonly string ProtocolTs = File.ReadAllText(Repository.PathOf("src", "Client", "src", "protocol.ts"));

    [TestCase("chat")]
    [TestCase("game")]
    public void The_client_declares_exactly_the_server_s_hub_methods_with_their_argument_counts(string hub)
    {
        var server = HubSurface.OfServer().Single(s => s.Hub == hub);
        var client = HubSurface.OfClient(ProtocolTs).Single(s => s.Hub == hub);

        server.Methods.ShouldNotBeEmpty();
        client.Methods.OrderBy(m => m.Key).ShouldBe(server.Methods.OrderBy(m => m.Key),
            $"the {hub} hub's methods (name, argument count): server {Describe(server.Methods)}, client {Describe(client.Methods)}");
    }

    [TestCase("chat")]
    [TestCase("game")]
    public void The_client_declares_exactly_the_events_the_server_sends(string hub)
    {
        var server = HubSurface.OfServer().Single(s => s.Hub == hub);
        var client = HubSurface.OfClient(ProtocolTs).Single(s => s.Hub == hub);

        server.Events.ShouldNotBeEmpty();
        client.Events.Order().ShouldBe(server.Events.Order(),
            $"the {hub} hub's events: only the server has [{string.Join(", ", server.Events.Except(client.Events))}], " +
            $"only the client has [{string.Join(", ", client.Events.Except(server.Events))}]");
    }

    [Test]
    public void The_declarations_reader_sees_a_method_the_client_lacks_or_miscounts()
    {
        const string drifted = """
            export interface ChatHubMethods {
              SendMessage(channelId: Guid, text: string): SentMessage; // one argument short
            }
            export interface ChatHubEvents { MessageReceived: ChatMessage; Notice: { code: string; text: string } }
            export interface GameHubMethods { Input(roomId: Guid, input: { up: boolean; down: boolean; seq: number }): void }
            export interface GameHubEvents { State: GameState }
            """;

        var chat = HubSurface.OfClient(drifted).Single(s => s.Hub == "chat");
        var game = HubSurface.OfClient(drifted).Single(s => s.Hub == "game");

        chat.Methods.ShouldBe(new Dictionary<string, int> { ["SendMessage"] = 2 });
        chat.Events.Order().ShouldBe(["MessageReceived", "Notice"]);
        game.Methods.ShouldBe(new Dictionary<string, int> { ["Input"] = 2 });
        HubSurface.OfServer().Single(s => s.Hub == "chat").Methods["SendMessage"].ShouldNotBe(chat.Methods["SendMessage"]);
    }

    private static string Describe(IReadOnlyDictionary<string, int> methods) =>
        "[" + string.Join(", ", methods.OrderBy(m => m.Key).Select(m => $"{m.Key}/{m.Value}")) + "]";
}
