using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Transcendence.Application.Avatars;
using Transcendence.Application.Avatars.GetAvatar;
using Transcendence.Application.Avatars.RemoveAvatar;
using Transcendence.Application.Avatars.SetAvatar;
using Transcendence.Domain.Users;

namespace Transcendence.Web.Endpoints;

internal static class AvatarEndpoints
{
    /// <summary>
    /// The upload route's body cap: the largest avatar plus room for the multipart framing. A bigger body
    /// is refused before it is read; a file between the two caps reaches the domain, which says 413 too.
    /// </summary>
    public const long UploadLimitBytes = Avatar.MaxBytes + (64 * 1024);

    public static IEndpointRouteBuilder MapAvatarEndpoints(this IEndpointRouteBuilder app)
    {
        var avatars = app.MapGroup("/api/users").WithTags("Avatars");

        avatars.MapPut("/me/avatar", SetAvatar)
            .RequireAuthorization()
            // Bearer tokens, not cookies, authenticate this route: there is no cross-site request to forge.
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(UploadLimitBytes))
            .WithSummary("Upload the caller's avatar (multipart field 'file'): PNG, JPEG, GIF or WebP by content, at most 1 MiB")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        avatars.MapDelete("/me/avatar", RemoveAvatar)
            .RequireAuthorization()
            .WithSummary("Drop the caller's avatar; the default one shows again");
        avatars.MapGet("/me/avatar", GetOwnAvatar)
            .RequireAuthorization()
            .WithSummary("The caller's avatar, as GET /api/users/{id}/avatar serves it");
        // {id} has no route constraint: a malformed id is a 400 (validation), not an unknown route.
        avatars.MapGet("/{id}/avatar", GetAvatar)
            .AllowAnonymous()
            .WithSummary("A user's avatar (the default one if none), with its content type and an ETag; 304 on a matching If-None-Match")
            .Produces(StatusCodes.Status200OK, contentType: "image/png", additionalContentTypes: ["image/jpeg", "image/gif", "image/webp"])
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Ok<AvatarInfo>> SetAvatar(IFormFile? file, ClaimsPrincipal caller, ISender sender, CancellationToken cancellationToken)
    {
        byte[]? content = null;
        if (file is not null)
        {
            using var buffer = new MemoryStream((int)Math.Min(file.Length, UploadLimitBytes));
            await file.CopyToAsync(buffer, cancellationToken);
            content = buffer.ToArray();
        }

        return TypedResults.Ok(await sender.Send(new SetAvatar(caller.UserId(), content), cancellationToken));
    }

    private static async Task<NoContent> RemoveAvatar(ClaimsPrincipal caller, ISender sender, CancellationToken cancellationToken)
    {
        await sender.Send(new RemoveAvatar(caller.UserId()), cancellationToken);
        return TypedResults.NoContent();
    }

    private static Task<FileContentHttpResult> GetOwnAvatar(ClaimsPrincipal caller, HttpContext http, ISender sender, CancellationToken cancellationToken) =>
        GetAvatar(caller.UserId(), http, sender, cancellationToken);

    private static async Task<FileContentHttpResult> GetAvatar(Guid id, HttpContext http, ISender sender, CancellationToken cancellationToken)
    {
        var avatar = await sender.Send(new GetAvatar(id), cancellationToken);

        // The URL stays the same when the picture changes: caches keep it but ask again every time, and
        // the ETag makes the answer a 304 while it is unchanged. Uploaded bytes are never sniffed as HTML.
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Bytes(
            avatar.Content,
            avatar.ContentType,
            lastModified: avatar.UpdatedAt,
            entityTag: new EntityTagHeaderValue($"\"{avatar.Tag}\""));
    }
}
