using System.Text.Json;
using System.Text.RegularExpressions;

namespace Transcendence.Web.IntegrationTests.EndToEnd;

/// <summary>
/// A hub's surface as clients see it: its methods (name → argument count) and the events it sends. Read from
/// the server's description (<see cref="OfServer"/>, docs/hubs.json) or from the client's TypeScript
/// declarations (<see cref="OfClient"/>), so the two can be compared.
/// </summary>
internal sealed partial record HubSurface(string Hub, IReadOnlyDictionary<string, int> Methods, IReadOnlySet<string> Events)
{
    /// <summary>
    /// Both hubs as the server has them, read from docs/hubs.json: the document the <c>hub-surface</c> command
    /// makes from the hubs themselves (Operations/HubSurfaceTests keeps it equal to what the server generates),
    /// so the client is checked against the one description of the surface.
    /// </summary>
    public static IReadOnlyList<HubSurface> OfServer()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Repository.PathOf("docs", "hubs.json")));
        return
        [
            .. document.RootElement.GetProperty("hubs").EnumerateArray().Select(hub => new HubSurface(
                hub.GetProperty("name").GetString()!,
                hub.GetProperty("methods").EnumerateArray().ToDictionary(
                    method => method.GetProperty("name").GetString()!,
                    method => method.GetProperty("arguments").GetArrayLength()),
                hub.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("name").GetString()!).ToHashSet())),
        ];
    }

    /// <summary>
    /// Both hubs as the client declares them in <c>src/Client/src/protocol.ts</c>: the interfaces
    /// <c>ChatHubMethods</c>, <c>ChatHubEvents</c>, <c>GameHubMethods</c>, <c>GameHubEvents</c>.
    /// </summary>
    public static IReadOnlyList<HubSurface> OfClient(string protocolTs) =>
    [
        new("chat", MethodsIn(Interface(protocolTs, "ChatHubMethods")), EventsIn(Interface(protocolTs, "ChatHubEvents"))),
        new("game", MethodsIn(Interface(protocolTs, "GameHubMethods")), EventsIn(Interface(protocolTs, "GameHubEvents"))),
    ];

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
