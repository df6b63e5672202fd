using System.Reflection;
using System.Text.RegularExpressions;
using Transcendence.Application.Common.Realtime;
using Transcendence.Web.Errors;
using Transcendence.Web.Hubs;
using Transcendence.Web.Realtime;
using Transcendence.Web.Sessions;

namespace Transcendence.Web.IntegrationTests.EndToEnd;

/// <summary>Every error code the server can answer has a sentence for people in the client (src/Client/src/errors.ts).</summary>
public sealed partial class ErrorSentencesTests
{
    /// <summary>Codes the contract names, so a client sentence exists even before a server file spells them.</summary>
    private static readonly string[] ContractCodes = ["unavailable", "rate_limited", "internal", "user.blocked", "game.blocked"];

    [Test]
    public void Every_error_code_the_server_answers_has_a_sentence_in_the_client()
    {
        var domainCodes = Directory.EnumerateFiles(Repository.PathOf("src", "Domain"), "*Errors.cs", SearchOption.AllDirectories)
            .SelectMany(file => QuotedCode().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value));
        var webCodes = typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.FieldType == typeof(string))
            .Select(field => (string)field.GetRawConstantValue()!)
            .Where(value => CodeShape().IsMatch(value)) // ErrorCodes also holds sentences (details) beside its codes
            .Concat(new[] { 400, 401, 403, 404, 405, 409, 413, 415, 429, 500, 503 }.Select(ErrorCodes.ForStatus));
        var hubCodes = HubEvents.Codes.Values.SelectMany(codes => codes).Append(SessionHubFilter.TooManyConnections)
            .Append(HubConnectionRegistry<ChatHub>.SlowConsumer);
        var serverCodes = domainCodes.Concat(webCodes).Concat(hubCodes).Concat(ContractCodes).ToHashSet();

        var clientCodes = SentenceKeys(File.ReadAllText(Repository.PathOf("src", "Client", "src", "errors.ts")));

        serverCodes.Count.ShouldBeGreaterThan(20);
        serverCodes.Except(clientCodes).Order().ShouldBeEmpty("codes without a sentence in src/Client/src/errors.ts");
    }

    private static HashSet<string> SentenceKeys(string errorsTs)
    {
        var start = errorsTs.IndexOf("const sentences", StringComparison.Ordinal);
        var end = errorsTs.IndexOf("};", start, StringComparison.Ordinal);
        return [.. SentenceKey().Matches(errorsTs[start..end]).Select(m => m.Groups[1].Value)];
    }

    [GeneratedRegex("^[a-z_]+(?:\\.[a-z_]+)*$")]
    private static partial Regex CodeShape();

    [GeneratedRegex("\"([a-z_]+(?:\\.[a-z_]+)+|validation)\"")]
    private static partial Regex QuotedCode();

    [GeneratedRegex("^\\s*\"?([a-z_]+(?:\\.[a-z_]+)*)\"?\\s*:", RegexOptions.Multiline)]
    private static partial Regex SentenceKey();
}
