using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Transcendence.Web.Composition;

/// <summary>
/// The OpenAPI document (<c>/openapi/v1.json</c>) and the Scalar reference page (<c>/scalar</c>), in every
/// environment unless <c>OpenApi:Enabled</c> is false. The document declares the Bearer scheme on every
/// route that needs a token, and every problem response names the codes its <c>code</c> member can carry.
/// </summary>
internal static class OpenApiSetup
{
    public const string EnabledKey = "OpenApi:Enabled";
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = "/scalar";
    public const string BearerScheme = "Bearer";

    /// <summary>Codes any route may answer, by status.</summary>
    private static readonly Dictionary<int, string[]> CommonCodes = new()
    {
        [400] = ["validation"],
        [401] = ["auth.required", "auth.invalid_token"],
        [403] = ["forbidden"],
        [404] = ["not_found"],
        [409] = ["conflict"],
        [413] = ["too_large"],
        [415] = ["unsupported_media_type"],
        [429] = ["rate_limited"],
        [500] = ["internal"],
        [503] = ["unavailable"],
    };

    /// <summary>The domain's codes by area (the operation's tag) and status.</summary>
    private static readonly Dictionary<string, Dictionary<int, string[]>> AreaCodes = new()
    {
        ["Auth"] = new()
        {
            [400] = ["auth.oauth_invalid_state", "auth.oauth_failed"],
            [401] = ["auth.two_factor_invalid", "auth.oauth_denied"],
            [409] = ["auth.two_factor_already_enabled", "auth.two_factor_not_enabled", "auth.two_factor_not_set_up"],
            [502] = ["auth.oauth_failed", "auth.provider_unavailable"],
            [503] = ["auth.oauth_not_configured"],
        },
        ["Users"] = new() { [404] = ["user.not_found"], [409] = ["user.name_taken"] },
        ["Avatars"] = new() { [404] = ["user.not_found"] },
        ["Friends"] = new() { [403] = ["user.blocked"], [404] = ["user.not_found"], [409] = ["user.friendship_changed"] },
        ["Blocks"] = new() { [404] = ["user.not_found"] },
        ["Games"] = new() { [404] = ["user.not_found"] },
        ["Channels"] = new()
        {
            [403] = ["channel.not_member", "channel.banned", "channel.wrong_password", "channel.forbidden", "channel.owner_protected", "user.blocked"],
            [404] = ["channel.not_found", "user.not_found"],
            [409] = ["channel.not_member", "channel.banned"],
        },
    };

    public static IServiceCollection AddApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Transcendence API";
                document.Info.Description = "HTTP API of the Transcendence backend. Errors are RFC 9457 problem details with a `code` member; "
                    + "the SignalR hubs (`/hubs/chat`, `/hubs/game`) are described in docs/hubs.md and docs/hubs.json.";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "The `accessToken` of POST /api/auth/dev-login, /api/auth/refresh or /api/auth/2fa/verify.",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                var needsToken = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
                operation.Responses ??= new OpenApiResponses();
                if (needsToken)
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
                    operation.Responses.TryAdd("401", new OpenApiResponse());
                }

                // Every API route reads or writes the store, so every one may meet an outage.
                if (context.Description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true)
                {
                    operation.Responses.TryAdd("503", new OpenApiResponse());
                }

                var area = operation.Tags?.FirstOrDefault()?.Name;
                foreach (var (status, response) in operation.Responses.Where(r => int.TryParse(r.Key, out var s) && s >= 400).ToList())
                {
                    var codes = CodesFor(area, int.Parse(status, System.Globalization.CultureInfo.InvariantCulture));
                    if (response is not OpenApiResponse concrete)
                    {
                        continue;
                    }

                    concrete.Description = $"Problem details (application/problem+json); `code`: {string.Join(", ", codes.Select(c => $"`{c}`"))}";
                    concrete.Extensions ??= new Dictionary<string, IOpenApiExtension>();
                    concrete.Extensions["x-error-codes"] = new JsonNodeExtension(new JsonArray(codes.Select(c => (JsonNode)JsonValue.Create(c)).ToArray()));
                }

                return Task.CompletedTask;
            });
        });

    public static WebApplication MapApiDocument(this WebApplication app)
    {
        if (!app.Configuration.GetValue(EnabledKey, defaultValue: true))
        {
            return app;
        }

        app.MapOpenApi(DocumentPath);
        app.MapScalarApiReference(ReferencePath, options => options
            .WithTitle("Transcendence API")
            .WithOpenApiRoutePattern(DocumentPath)
            .AddPreferredSecuritySchemes(BearerScheme));
        return app;
    }

    private static string[] CodesFor(string? area, int status)
    {
        var specific = area is not null && AreaCodes.TryGetValue(area, out var byStatus) && byStatus.TryGetValue(status, out var codes) ? codes : [];
        var common = CommonCodes.TryGetValue(status, out var general) ? general : [];
        return [.. specific, .. common];
    }
}
