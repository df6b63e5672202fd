using System.ComponentModel.DataAnnotations;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OAuth;
using Transcendence.Web.Errors;

namespace Transcendence.Web.Composition;

/// <summary>The OAuth2 provider login (<c>Auth:OAuth</c>); the defaults are the 42 intranet's.</summary>
public sealed class OAuthLoginOptions
{
    public const string Section = "Auth:OAuth";

    /// <summary>The app's id at the provider. OAuth login is off while this or the secret is empty.</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>The app's secret at the provider: from the environment or a secret store, never the repository.</summary>
    public string ClientSecret { get; set; } = string.Empty;

    [Url(ErrorMessage = "Auth:OAuth:AuthorizationEndpoint must be an absolute http(s) URL")]
    public string AuthorizationEndpoint { get; set; } = "https://api.intra.42.fr/oauth/authorize";

    [Url(ErrorMessage = "Auth:OAuth:TokenEndpoint must be an absolute http(s) URL")]
    public string TokenEndpoint { get; set; } = "https://api.intra.42.fr/oauth/token";

    [Url(ErrorMessage = "Auth:OAuth:UserInformationEndpoint must be an absolute http(s) URL")]
    public string UserInformationEndpoint { get; set; } = "https://api.intra.42.fr/v2/me";

    /// <summary>
    /// The provider's name in the store: accounts are keyed by (this, the provider's id for the person).
    /// Accounts made before ids were kept belong to <c>42</c>; change it only for a new provider.
    /// </summary>
    public string Provider { get; set; } = "42";

    /// <summary>Scopes to ask for, separated by spaces or commas.</summary>
    public string Scopes { get; set; } = "public";

    /// <summary>Where in the user information JSON each value is; dots walk into objects (<c>image.link</c>).</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Auth:OAuth:IdJsonKey must not be empty")]
    public string IdJsonKey { get; set; } = "id";

    [Required(AllowEmptyStrings = false, ErrorMessage = "Auth:OAuth:LoginJsonKey must not be empty")]
    public string LoginJsonKey { get; set; } = "login";

    public string EmailJsonKey { get; set; } = "email";

    public string ImageJsonKey { get; set; } = "image.link";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);
}

/// <summary>Origins (besides our own paths) a login may send the browser back to (<c>Auth:AllowedReturnOrigins</c>).</summary>
public sealed record AllowedReturnOrigins(IReadOnlyList<string> Origins)
{
    public const string Key = "Auth:AllowedReturnOrigins";

    /// <summary>A list (<c>Auth:AllowedReturnOrigins:0</c>, …) or one string separated by commas or spaces.</summary>
    public static AllowedReturnOrigins From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Key);
        var values = section.GetChildren().Select(child => child.Value).Append(section.Value);
        return new([.. values
            .SelectMany(value => (value ?? string.Empty).Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.OrdinalIgnoreCase)]);
    }
}

/// <summary>The user information did not give what a login needs.</summary>
public sealed class ProviderLoginException(string message) : Exception(message);

/// <summary>
/// OAuth2 authorization-code login with ASP.NET Core's own handler: PKCE, <c>state</c> protected by Data
/// Protection and bound to the browser by the correlation cookie. The handler signs the provider's user
/// into a short-lived external cookie; <c>/api/auth/login/complete</c> turns that into our user and tokens.
/// </summary>
internal static class OAuthLogin
{
    public const string Scheme = "OAuth";
    public const string ExternalScheme = "OAuth.External";
    public const string CallbackPath = "/api/auth/callback";
    public const string CompletePath = "/api/auth/login/complete";
    public const string ReturnUrlItem = "returnUrl";
    public const string ImageClaim = "urn:transcendence:image";

    /// <summary>How long the handshake may take, and how long its external cookie lives.</summary>
    public static readonly TimeSpan HandshakeLifetime = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The external cookie always; the OAuth scheme only when a client id and secret are configured (the
    /// handler refuses to run without them, on every request). Without it the login routes answer 503.
    /// </summary>
    public static IServiceCollection AddOAuthLogin(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(OAuthLoginOptions.Section).Get<OAuthLoginOptions>() ?? new OAuthLoginOptions();
        services.AddOptions<OAuthLoginOptions>().Bind(configuration.GetSection(OAuthLoginOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(AllowedReturnOrigins.From(configuration));
        if (string.IsNullOrWhiteSpace(settings.Provider))
        {
            throw new InvalidOperationException("Auth:OAuth:Provider names the provider accounts belong to; it cannot be empty");
        }

        services.AddSingleton(settings);

        var authentication = services.AddAuthentication().AddCookie(ExternalScheme, options =>
        {
            options.Cookie.Name = "transcendence_external";
            options.Cookie.Path = "/api/auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            // Lax, not Strict: it is set while the browser comes back from the provider (a cross-site
            // navigation) and must come along on the redirect that follows.
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.ExpireTimeSpan = HandshakeLifetime;
            options.SlidingExpiration = false;
            // Never a challenge scheme, but an API answers 401 rather than redirecting to a login page.
            options.Events.OnRedirectToLogin = context =>
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Task.CompletedTask;
            };
        });

        if (!settings.IsConfigured)
        {
            return services;
        }

        authentication.AddOAuth(Scheme, options =>
        {
            options.SignInScheme = ExternalScheme;
            options.ClientId = settings.ClientId;
            options.ClientSecret = settings.ClientSecret;
            options.AuthorizationEndpoint = settings.AuthorizationEndpoint;
            options.TokenEndpoint = settings.TokenEndpoint;
            options.UserInformationEndpoint = settings.UserInformationEndpoint;
            options.CallbackPath = CallbackPath;
            options.UsePkce = true;
            options.SaveTokens = false;
            options.RemoteAuthenticationTimeout = HandshakeLifetime;
            options.CorrelationCookie.SameSite = SameSiteMode.None;
            options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.Always;
            foreach (var scope in settings.Scopes.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries))
            {
                options.Scope.Add(scope);
            }

            options.ClaimActions.MapCustomJson(ClaimTypes.NameIdentifier, user => ReadJson(user, settings.IdJsonKey));
            options.ClaimActions.MapCustomJson(ClaimTypes.Name, user => ReadJson(user, settings.LoginJsonKey));
            options.ClaimActions.MapCustomJson(ClaimTypes.Email, user => ReadJson(user, settings.EmailJsonKey));
            options.ClaimActions.MapCustomJson(ImageClaim, user => ReadJson(user, settings.ImageJsonKey));
            options.Events = new OAuthEvents
            {
                OnCreatingTicket = LoadUserInformation,
                OnAccessDenied = WriteAccessDenied,
                OnRemoteFailure = WriteRemoteFailure,
            };
        });
        return services;
    }

    /// <summary>The value at a dotted path of the user information, as text; null when absent.</summary>
    internal static string? ReadJson(JsonElement user, string path)
    {
        var current = user;
        foreach (var name in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return null;
            }
        }

        return current.ValueKind switch
        {
            JsonValueKind.String => current.GetString(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => current.GetRawText(),
            _ => null,
        };
    }

    private static async Task LoadUserInformation(OAuthCreatingTicketContext context)
    {
        var cancellationToken = context.HttpContext.RequestAborted;
        using var request = new HttpRequestMessage(HttpMethod.Get, context.Options.UserInformationEndpoint);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", context.AccessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await context.Backchannel.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new ProviderLoginException($"the provider's user information endpoint answered {(int)response.StatusCode}");
        }

        using var user = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        context.RunClaimActions(user.RootElement);
        if (string.IsNullOrWhiteSpace(context.Identity?.FindFirst(ClaimTypes.Name)?.Value))
        {
            throw new ProviderLoginException("the provider's user information has no login");
        }

        // The id, not the login, says who the person is: a provider may rename or recycle logins.
        if (string.IsNullOrWhiteSpace(context.Identity?.FindFirst(ClaimTypes.NameIdentifier)?.Value))
        {
            throw new ProviderLoginException("the provider's user information has no id");
        }
    }

    private static async Task WriteAccessDenied(AccessDeniedContext context)
    {
        context.HandleResponse();
        await ProblemResponses.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, ErrorCodes.OAuthDenied,
            "the login was declined at the provider");
    }

    private static async Task WriteRemoteFailure(RemoteFailureContext context)
    {
        context.HandleResponse();
        var (status, code, detail) = Classify(context);
        // A provider that fails is an operator's concern; a bad state is usually a stale tab or a forgery.
        var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OAuthLogin));
        logger.Log(status >= StatusCodes.Status500InternalServerError ? LogLevel.Warning : LogLevel.Information,
            context.Failure, "OAuth login failed: {Code}", code);
        await ProblemResponses.WriteAsync(context.HttpContext, status, code, detail);
    }

    /// <summary>
    /// What went wrong, for the client: the provider could not be reached; the state is missing, forged,
    /// expired or was started in another browser (no correlation cookie); or the provider did not finish
    /// the login (an error instead of a code, a refused code exchange, unusable user information).
    /// </summary>
    private static (int Status, string Code, string Detail) Classify(RemoteFailureContext context) => context.Failure switch
    {
        HttpRequestException or TaskCanceledException when !context.HttpContext.RequestAborted.IsCancellationRequested =>
            (StatusCodes.Status502BadGateway, ErrorCodes.OAuthProviderUnavailable, "the login provider could not be reached; try again later"),
        // The provider answered and refused the code (used, expired, or never issued): the client's code is
        // bad, not the provider; ASP.NET Core's handler keeps the OAuth error in the exception's data.
        AuthenticationFailureException refused when refused.Data["error"] is "invalid_grant" =>
            (StatusCodes.Status400BadRequest, ErrorCodes.OAuthFailed, "the login provider refused the login's code (used or expired); start again"),
        ProviderLoginException or JsonException =>
            (StatusCodes.Status502BadGateway, ErrorCodes.OAuthFailed, $"the login provider did not complete the login: {context.Failure.Message}"),
        // The handler's own words for a state it cannot read (no properties) or a missing correlation cookie.
        _ when context.Properties is null || context.Failure?.Message == "Correlation failed." =>
            (StatusCodes.Status400BadRequest, ErrorCodes.OAuthInvalidState, "the login's state is missing, unknown or expired, or the login began in another browser; start again"),
        _ =>
            (StatusCodes.Status502BadGateway, ErrorCodes.OAuthFailed, "the login provider did not complete the login"),
    };
}
