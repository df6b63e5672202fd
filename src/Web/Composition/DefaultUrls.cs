namespace Transcendence.Web.Composition;

internal static class DefaultUrls
{
    /// <summary>Where the app listens when nothing says otherwise: the same port for <c>dotnet run</c> and the published dll.</summary>
    public const string Url = "http://localhost:5080";

    /// <summary>
    /// Listens on <see cref="Url"/> unless an address is configured in any of ASP.NET Core's ways
    /// (<c>ASPNETCORE_URLS</c>, <c>--urls</c>, <c>Urls</c>, <c>ASPNETCORE_HTTP_PORTS</c>/<c>HTTPS_PORTS</c>,
    /// <c>Kestrel:Endpoints</c>), which keep their meaning.
    /// </summary>
    public static WebApplicationBuilder UseDefaultUrls(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        if (string.IsNullOrEmpty(configuration["urls"])
            && string.IsNullOrEmpty(configuration["http_ports"])
            && string.IsNullOrEmpty(configuration["https_ports"])
            && !configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.WebHost.UseUrls(Url);
        }

        return builder;
    }
}
