namespace Transcendence.Proxy;

/// <summary>
/// <c>Proxy:Destinations</c>: the app instances' addresses (a list, or one string separated by commas or
/// spaces), turned into YARP's own keys for the <c>app</c> cluster (<c>instance1</c>, <c>instance2</c>, … in
/// the order given), so a script or an operator names the instances in one setting. Destinations written
/// straight into <c>ReverseProxy:Clusters:app:Destinations</c> work as well; with neither the proxy refuses
/// to start.
/// </summary>
public static class ProxyDestinations
{
    public const string Section = "Proxy:Destinations";
    public const string Cluster = "app";

    public static Dictionary<string, string?> AsReverseProxyConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var addresses = section.GetChildren().Select(child => child.Value).Append(section.Value)
            .SelectMany(value => (value ?? string.Empty).Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(Parse)
            .ToList();
        if (addresses.Count == 0 && !configuration.GetSection($"ReverseProxy:Clusters:{Cluster}:Destinations").GetChildren().Any())
        {
            throw new InvalidOperationException(
                $"{Section}: no app instance to send requests to; give their addresses (Proxy__Destinations=\"http://127.0.0.1:5101,http://127.0.0.1:5102\")");
        }

        return addresses
            .Select((address, index) => (Key: $"ReverseProxy:Clusters:{Cluster}:Destinations:instance{index + 1}:Address", Value: address.ToString()))
            .ToDictionary(pair => pair.Key, pair => (string?)pair.Value);
    }

    private static Uri Parse(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var address) && (address.Scheme == Uri.UriSchemeHttp || address.Scheme == Uri.UriSchemeHttps)
            ? address
            : throw new InvalidOperationException($"{Section}: '{text}' is not an http(s) address (http://127.0.0.1:5101)");
}
