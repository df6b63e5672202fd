using Transcendence.Domain.Channels;

namespace Transcendence.Infrastructure.Persistence;

/// <summary>
/// A channel as both stores hold it: one row for the channel and rows for each kind of state, plain
/// values only, so a stored record never shares state with an entity.
/// </summary>
public sealed record ChannelRecord(
    ChannelRow Channel,
    IReadOnlyList<ChannelMemberRow> Members,
    IReadOnlyList<ChannelInviteRow> Invites,
    IReadOnlyList<ChannelBanRow> Bans,
    IReadOnlyList<ChannelMuteRow> Mutes)
{
    /// <summary>Every user the record refers to (members, invitees and inviters, moderators): the store's foreign keys.</summary>
    public IEnumerable<Guid> UserIds =>
        Members.Select(m => m.UserId)
            .Concat(Invites.SelectMany(i => new[] { i.UserId, i.InvitedBy }))
            .Concat(Bans.SelectMany(b => new[] { b.UserId, b.BannedBy }))
            .Concat(Mutes.SelectMany(m => new[] { m.UserId, m.MutedBy }));

    public static ChannelRecord From(Channel channel) => new(
        new ChannelRow
        {
            Id = channel.Id,
            Kind = ChannelCodes.Of(channel.Kind),
            Name = channel.Name,
            Visibility = ChannelCodes.Of(channel.Visibility),
            PasswordHash = channel.PasswordHash,
            DirectKey = channel.DirectKey,
            CreatedAt = channel.CreatedAt,
        },
        [.. channel.Members.Select(m => new ChannelMemberRow
        {
            ChannelId = channel.Id, UserId = m.UserId, Role = ChannelCodes.Of(m.Role), JoinedAt = m.JoinedAt,
        })],
        [.. channel.Invites.Select(i => new ChannelInviteRow
        {
            ChannelId = channel.Id, UserId = i.UserId, InvitedBy = i.InvitedById, InvitedAt = i.InvitedAt,
        })],
        [.. channel.Bans.Select(b => new ChannelBanRow
        {
            ChannelId = channel.Id, UserId = b.UserId, BannedBy = b.BannedById, BannedAt = b.BannedAt, Until = b.Until,
        })],
        [.. channel.Mutes.Select(m => new ChannelMuteRow
        {
            ChannelId = channel.Id, UserId = m.UserId, MutedBy = m.MutedById, MutedAt = m.MutedAt, Until = m.Until,
        })]);

    /// <summary>
    /// The record cut to what a post by <paramref name="senderId"/> reads (<see cref="Application.Common.Ports.PostingContext.Channel"/>):
    /// the sender's member, mute and ban rows (a direct channel keeps both its members), no invitations.
    /// </summary>
    public ChannelRecord CutForPostBy(Guid senderId) => new(
        Channel,
        Channel.Kind == ChannelCodes.Of(ChannelKind.Direct) ? Members : [.. Members.Where(m => m.UserId == senderId)],
        [],
        [.. Bans.Where(b => b.UserId == senderId)],
        [.. Mutes.Where(m => m.UserId == senderId)]);

    public Channel ToChannel() => Domain.Channels.Channel.Rehydrate(
        Channel.Id,
        ChannelCodes.KindOf(Channel.Kind),
        Channel.Name,
        ChannelCodes.VisibilityOf(Channel.Visibility),
        Channel.PasswordHash,
        Channel.CreatedAt,
        Members.Select(m => new ChannelMember(m.UserId, ChannelCodes.RoleOf(m.Role), m.JoinedAt)),
        Invites.Select(i => new ChannelInvite(i.UserId, i.InvitedBy, i.InvitedAt)),
        Bans.Select(b => new ChannelBan(b.UserId, b.BannedBy, b.BannedAt, b.Until)),
        Mutes.Select(m => new ChannelMute(m.UserId, m.MutedBy, m.MutedAt, m.Until)));
}

public sealed class ChannelRow
{
    public Guid Id { get; init; }

    public string Kind { get; init; } = string.Empty;

    public string? Name { get; init; }

    public string Visibility { get; init; } = string.Empty;

    public string? PasswordHash { get; init; }

    public string? DirectKey { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}

public sealed class ChannelMemberRow
{
    public Guid ChannelId { get; init; }

    public Guid UserId { get; init; }

    public string Role { get; init; } = string.Empty;

    public DateTimeOffset JoinedAt { get; init; }
}

public sealed class ChannelInviteRow
{
    public Guid ChannelId { get; init; }

    public Guid UserId { get; init; }

    public Guid InvitedBy { get; init; }

    public DateTimeOffset InvitedAt { get; init; }
}

public sealed class ChannelBanRow
{
    public Guid ChannelId { get; init; }

    public Guid UserId { get; init; }

    public Guid BannedBy { get; init; }

    public DateTimeOffset BannedAt { get; init; }

    public DateTimeOffset? Until { get; init; }
}

public sealed class ChannelMuteRow
{
    public Guid ChannelId { get; init; }

    public Guid UserId { get; init; }

    public Guid MutedBy { get; init; }

    public DateTimeOffset MutedAt { get; init; }

    public DateTimeOffset Until { get; init; }
}

/// <summary>The words the schema stores for the channel enums (the client contract's words too).</summary>
internal static class ChannelCodes
{
    public static string Of(ChannelKind kind) => kind switch
    {
        ChannelKind.Group => "group",
        ChannelKind.Direct => "direct",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string Of(ChannelVisibility visibility) => visibility switch
    {
        ChannelVisibility.Public => "public",
        ChannelVisibility.Protected => "protected",
        ChannelVisibility.Private => "private",
        _ => throw new ArgumentOutOfRangeException(nameof(visibility), visibility, null),
    };

    public static string Of(ChannelRole role) => role switch
    {
        ChannelRole.Owner => "owner",
        ChannelRole.Admin => "admin",
        ChannelRole.Member => "member",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static ChannelKind KindOf(string text) => text switch
    {
        "group" => ChannelKind.Group,
        "direct" => ChannelKind.Direct,
        _ => throw new InvalidOperationException($"the store holds an unknown channel kind '{text}'"),
    };

    public static ChannelVisibility VisibilityOf(string text) => text switch
    {
        "public" => ChannelVisibility.Public,
        "protected" => ChannelVisibility.Protected,
        "private" => ChannelVisibility.Private,
        _ => throw new InvalidOperationException($"the store holds an unknown channel visibility '{text}'"),
    };

    public static ChannelRole RoleOf(string text) => text switch
    {
        "owner" => ChannelRole.Owner,
        "admin" => ChannelRole.Admin,
        "member" => ChannelRole.Member,
        _ => throw new InvalidOperationException($"the store holds an unknown channel role '{text}'"),
    };
}
