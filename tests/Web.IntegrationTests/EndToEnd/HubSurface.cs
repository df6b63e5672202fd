using System.Reflection;
using System.Text.RegularExpressions;
using Transcendence.Application.Common.Realtime;
using Transcendence.Web.Hubs;

namespace Transcendence.Web.IntegrationTests.EndToEnd;

/// <summary>
/// A hub's surface as clients see it: its methods (name → argument count) and the events it sends. Read from
/// the server (<see cref="OfServer"/>: hub methods by reflection, events from <see cref="HubEvents.All"/>, the
/// catalogue the transports enforce and docs/hubs.json is made from) or from the client's TypeScript
/// declarations (<see cref="OfClient"/>), so the two can be compared.
/// </summary>
internal sealed partial record HubSurface(string Hub, IReadOnlyDictionary<string, int> Methods, IReadOnlySet<string> Events)
{
    /// <summary>Both hubs as the server has them: public hub methods, and the event names it sends on each.</summary>
    public static IReadOnlyList<HubSurface> OfServer() =>
    [
        new("chat", MethodsOf(typeof(ChatHub)), EventsOf(HubEvents.ChatHub)),
        new("game", MethodsOf(typeof(GameHub)), EventsOf(HubEvents.GameHub)),
    ];

    /// <summary>
    /// Both hubs as the client declares them in <c>src/Client/src/protocol.ts</c>: the interfaces
    /// <c>ChatHubMethods</c>, <c>ChatHubEvents</c>, <c>GameHubMethods</c>, <c>GameHubEvents</c>.
    /// </summary>
    public static IReadOnlyList<HubSurface> OfClient(string protocolTs) =>
    [
        new("chat", MethodsIn(Interface(protocolTs, "ChatHubMethods")), EventsIn(Interface(protocolTs, "ChatHubEvents"))),
        new("game", MethodsIn(Interface(protocolTs, "GameHubMethods")), EventsIn(Interface(protocolTs, "GameHubEvents"))),
    ];

    private static Dictionary<string, int> MethodsOf(Type hub) =>
        hub.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(method => !method.IsSpecialName && method.Name is not (nameof(ChatHub.OnConnectedAsync) or nameof(ChatHub.OnDisconnectedAsync)))
            .ToDictionary(method => method.Name, method => method.GetParameters().Count(p => p.ParameterType != typeof(CancellationToken)));

    /// <summary>The events the transports may send on a hub: the declared catalogue they enforce.</summary>
    private static HashSet<string> EventsOf(string hub) => [.. HubEvents.All.Where(e => e.Hub == hub).Select(e => e.Name)];

    private static string Interface(string source, string name)
    {
        var start = Regex.Match(source, $@"export\s+interface\s+{name}\s*\{{");
        if (!start.Success)
        {
            throw new InvalidOperationException($"protocol.ts declares no interface {name}");
        }

        var depth = 1;
        var at = start.Index + start.Length;
        for (var i = at; i < source.Length; i++)
        {
            depth += source[i] switch { '{' => 1, '}' => -1, _ => 0 };
            if (depth == 0)
            {
                return source[at..i];
            }
        }

        throw new InvalidOperationException($"interface {name} in protocol.ts is not closed");
    }

    /// <summary>Top-level members of an interface body, one per <c>;</c> or line outside brackets.</summary>
    private static IEnumerable<string> Members(string body)
    {
        var depth = 0;
        var current = new System.Text.StringBuilder();
        foreach (var line in body.Split('\n').Select(l => Comment().Replace(l, string.Empty)))
        {
            foreach (var c in line + "\n")
            {
                depth += c switch { '{' or '(' or '<' or '[' => 1, '}' or ')' or '>' or ']' => -1, _ => 0 };
                if (depth == 0 && (c == ';' || c == '\n'))
                {
                    if (current.ToString().Trim() is { Length: > 0 } member)
                    {
                        yield return member;
                    }

                    current.Clear();
                }
                else
                {
                    current.Append(c);
                }
            }
        }
    }

    private static Dictionary<string, int> MethodsIn(string body) =>
        Members(body).Select(member => MethodMember().Match(member)).Where(m => m.Success)
            .ToDictionary(m => m.Groups[1].Value, m => CountArguments(m.Groups[2].Value));

    private static HashSet<string> EventsIn(string body) =>
        [.. Members(body).Select(member => EventMember().Match(member)).Where(m => m.Success).Select(m => m.Groups[1].Value)];

    private static int CountArguments(string parameters)
    {
        if (parameters.Trim().Length == 0)
        {
            return 0;
        }

        var depth = 0;
        var count = 1;
        foreach (var c in parameters)
        {
            depth += c switch { '{' or '(' or '<' or '[' => 1, '}' or ')' or '>' or ']' => -1, _ => 0 };
            if (depth == 0 && c == ',')
            {
                count++;
            }
        }

        return count;
    }

    [GeneratedRegex(@"^(\w+)\s*\((.*)\)\s*:", RegexOptions.Singleline)]
    private static partial Regex MethodMember();

    [GeneratedRegex(@"^(\w+)\??\s*:")]
    private static partial Regex EventMember();

    [GeneratedRegex(@"//.*$|/\*.*?\*/")]
    private static partial Regex Comment();
}
