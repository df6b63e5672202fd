using Transcendence.Domain.Common;
using Transcendence.Domain.Users;

namespace Transcendence.Domain.Channels;

/// <summary>
/// A chat channel with everything its rules need: members and their roles, invitations, bans and mutes.
/// Every change goes through a method that receives the users involved and refuses what the rules
/// forbid; moderation methods return the <see cref="ChannelNotice"/> that tells people what happened
/// (null when nothing changed).
/// </summary>
public sealed class Channel
{
    public const int MaxNameLength = 32;
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 128;

    private readonly Dictionary<Guid, ChannelMember> _members;
    private readonly Dictionary<Guid, ChannelInvite> _invites;
    private readonly Dictionary<Guid, ChannelBan> _bans;
    private readonly Dictionary<Guid, ChannelMute> _mutes;

    private Channel(
        Guid id,
        ChannelKind kind,
        string? name,
        ChannelVisibility visibility,
        string? passwordHash,
        DateTimeOffset createdAt,
        IEnumerable<ChannelMember> members,
        IEnumerable<ChannelInvite> invites,
        IEnumerable<ChannelBan> bans,
        IEnumerable<ChannelMute> mutes)
    {
        Id = id;
        Kind = kind;
        Name = name;
        Visibility = visibility;
        PasswordHash = passwordHash;
        CreatedAt = createdAt;
        _members = members.ToDictionary(m => m.UserId);
        _invites = invites.ToDictionary(i => i.UserId);
        _bans = bans.ToDictionary(b => b.UserId);
        _mutes = mutes.ToDictionary(m => m.UserId);
        if (kind == ChannelKind.Direct)
        {
            var pair = _members.Keys.ToArray();
            DirectKey = pair.Length == 2
                ? DirectPairKey.For(pair[0], pair[1])
                : throw new InvalidOperationException($"the direct channel {id} has {pair.Length} members instead of 2");
        }
    }

    public Guid Id { get; }

    public ChannelKind Kind { get; }

    public bool IsDirect => Kind == ChannelKind.Direct;

    /// <summary>The name of a group channel; null for a direct channel.</summary>
    public string? Name { get; private set; }

    public ChannelVisibility Visibility { get; private set; }

    /// <summary>The hash of a protected channel's password; null unless protected.</summary>
    public string? PasswordHash { get; private set; }

    /// <summary>The pair's <see cref="DirectPairKey"/> for a direct channel; null for a group channel.</summary>
    public string? DirectKey { get; }

    public DateTimeOffset CreatedAt { get; }

    /// <summary>Members by seniority: join time, then user id.</summary>
    public IReadOnlyList<ChannelMember> Members => [.. BySeniority(_members.Values)];

    public IReadOnlyList<ChannelInvite> Invites => [.. _invites.Values.OrderBy(i => i.UserId, UuidOrder.Instance)];

    /// <summary>Every stored ban, expired ones included until <see cref="RemoveExpired"/> tidies them.</summary>
    public IReadOnlyList<ChannelBan> Bans => [.. _bans.Values.OrderBy(b => b.UserId, UuidOrder.Instance)];

    /// <summary>Every stored mute, expired ones included until <see cref="RemoveExpired"/> tidies them.</summary>
    public IReadOnlyList<ChannelMute> Mutes => [.. _mutes.Values.OrderBy(m => m.UserId, UuidOrder.Instance)];

    public ChannelMember? Owner => _members.Values.SingleOrDefault(m => m.Role == ChannelRole.Owner);

    /// <summary>A new group channel whose creator is its owner and only member.</summary>
    public static Channel Create(
        User owner,
        string name,
        ChannelVisibility visibility,
        string? password,
        IChannelPasswordHasher hasher,
        DateTimeOffset now)
    {
        now = Instant.Normalize(now);
        var validName = ChatText.ChannelName(name);
        var passwordHash = PasswordHashFor(visibility, password, currentHash: null, hasher);
        return new Channel(
            UuidV7.NewId(now), ChannelKind.Group, validName, visibility, passwordHash, now,
            [new ChannelMember(owner.Id, ChannelRole.Owner, now)], [], [], []);
    }

    /// <summary>
    /// A new direct channel between two different users, refused when either blocks the other. The store
    /// keeps one per pair (<see cref="DirectKey"/>); the caller looks for the existing one first.
    /// </summary>
    public static Channel OpenDirect(User first, User second, DateTimeOffset now)
    {
        now = Instant.Normalize(now);
        if (first.Id == second.Id)
        {
            throw ChannelErrors.Invalid("a direct channel is between two different users");
        }

        EnsureNoBlockBetween(first, second);

        return new Channel(
            UuidV7.NewId(now), ChannelKind.Direct, null, ChannelVisibility.Private, null, now,
            [new ChannelMember(first.Id, ChannelRole.Member, now), new ChannelMember(second.Id, ChannelRole.Member, now)],
            [], [], []);
    }

    /// <summary>
    /// Two users may talk one to one (a direct channel, an invitation, a call) only when neither blocks
    /// the other; refused with <c>user.blocked</c>, without saying which side blocks.
    /// </summary>
    public static void EnsureNoBlockBetween(User first, User second)
    {
        if (first.Blocks(second) || first.IsBlockedBy(second))
        {
            throw ChannelErrors.Blocked();
        }
    }

    /// <summary>Rebuilds a channel the store already holds; no rule is re-run and no id is made.</summary>
    public static Channel Rehydrate(
        Guid id,
        ChannelKind kind,
        string? name,
        ChannelVisibility visibility,
        string? passwordHash,
        DateTimeOffset createdAt,
        IEnumerable<ChannelMember> members,
        IEnumerable<ChannelInvite> invites,
        IEnumerable<ChannelBan> bans,
        IEnumerable<ChannelMute> mutes) =>
        new(
            id, kind, name, visibility, passwordHash, Instant.Normalize(createdAt),
            members.Select(m => m with { JoinedAt = Instant.Normalize(m.JoinedAt) }),
            invites.Select(i => i with { InvitedAt = Instant.Normalize(i.InvitedAt) }),
            bans.Select(b => b with { BannedAt = Instant.Normalize(b.BannedAt), Until = b.Until is { } until ? Instant.Normalize(until) : null }),
            mutes.Select(m => m with { MutedAt = Instant.Normalize(m.MutedAt), Until = Instant.Normalize(m.Until) }));

    public bool IsMember(Guid userId) => _members.ContainsKey(userId);

    public ChannelMember? MemberOf(Guid userId) => _members.GetValueOrDefault(userId);

    /// <summary>The ban keeping the user out at <paramref name="now"/>, if any; an expired ban no longer applies.</summary>
    public ChannelBan? ActiveBanOf(Guid userId, DateTimeOffset now) =>
        _bans.TryGetValue(userId, out var ban) && ban.AppliesAt(Instant.Normalize(now)) ? ban : null;

    /// <summary>The mute silencing the user at <paramref name="now"/>, if any.</summary>
    public ChannelMute? ActiveMuteOf(Guid userId, DateTimeOffset now) =>
        _mutes.TryGetValue(userId, out var mute) && mute.AppliesAt(Instant.Normalize(now)) ? mute : null;

    /// <summary>The other user of a direct channel.</summary>
    public Guid PeerOf(Guid userId)
    {
        if (!IsDirect || !_members.ContainsKey(userId))
        {
            throw new InvalidOperationException($"the user {userId} is not one of the pair of a direct channel {Id}");
        }

        return _members.Keys.Single(id => id != userId);
    }

    /// <summary>Refuses a reader who may not see the channel's members and history.</summary>
    public void EnsureCanRead(User reader, DateTimeOffset now)
    {
        if (ActiveBanOf(reader.Id, now) is { } ban)
        {
            throw ChannelErrors.Banned(ban.Until);
        }

        if (!IsMember(reader.Id))
        {
            throw ChannelErrors.NotMember();
        }
    }

    /// <summary>
    /// A member says something. Refused to non-members and to muted members until the mute ends; the
    /// text is trimmed and must have 1–2000 characters without control characters (newline and tab allowed).
    /// </summary>
    public Message Post(User sender, string text, string clientMessageId, DateTimeOffset now)
    {
        now = Instant.Normalize(now);
        if (!IsMember(sender.Id))
        {
            throw ChannelErrors.NotMember();
        }

        if (ActiveMuteOf(sender.Id, now) is { } mute)
        {
            throw ChannelErrors.Muted(mute.Until);
        }

        return Message.Write(Id, sender.Id, text, clientMessageId, now);
    }

    /// <summary>
    /// Enters the channel: public to anyone, protected with the right password, private with an
    /// invitation (used up); never while banned. False when the user already is a member.
    /// </summary>
    public bool Join(User user, string? password, IChannelPasswordHasher hasher, DateTimeOffset now)
    {
        now = Instant.Normalize(now);
        EnsureGroup("nobody joins a direct channel");
        if (IsMember(user.Id))
        {
            return false;
        }

        if (_bans.TryGetValue(user.Id, out var ban))
        {
            if (ban.AppliesAt(now))
            {
                throw ChannelErrors.Banned(ban.Until);
            }

            _bans.Remove(user.Id);
        }

        switch (Visibility)
        {
            case ChannelVisibility.Protected when !IsPassword(password, hasher):
                throw ChannelErrors.WrongPassword();
            case ChannelVisibility.Private when !_invites.ContainsKey(user.Id):
                throw ChannelErrors.Forbidden("a private channel is joined only by invitation");
        }

        _invites.Remove(user.Id);
        _members.Add(user.Id, new ChannelMember(user.Id, ChannelRole.Member, now));
        return true;
    }

    /// <summary>
    /// Leaves the channel. The owner's leaving hands ownership to the longest-standing admin, else the
    /// longest-standing member; the last one out empties the channel, which the caller then deletes.
    /// </summary>
    public LeaveOutcome Leave(User user)
    {
        EnsureGroup("nobody leaves a direct channel");
        if (!_members.Remove(user.Id, out var leaving))
        {
            throw ChannelErrors.NotMember();
        }

        if (_members.Count == 0)
        {
            return new LeaveOutcome(ChannelDeleted: true, OwnerChanged: null);
        }

        if (leaving.Role != ChannelRole.Owner)
        {
            return new LeaveOutcome(ChannelDeleted: false, OwnerChanged: null);
        }

        var successor = BySeniority(_members.Values.Where(m => m.Role == ChannelRole.Admin)).FirstOrDefault()
            ?? BySeniority(_members.Values).First();
        _members[successor.UserId] = successor with { Role = ChannelRole.Owner };
        return new LeaveOutcome(
            ChannelDeleted: false,
            new ChannelNotice(ChannelNoticeCodes.OwnerChanged, Id, leaving.UserId, successor.UserId));
    }

    /// <summary>The owner renames the channel (trimmed, 1–32 characters).</summary>
    public void Rename(User by, string name)
    {
        RequireOwner(by);
        Name = ChatText.ChannelName(name);
    }

    /// <summary>
    /// Replaces the stored hash of the password by <paramref name="newHash"/>, made from the same password
    /// with stronger parameters, only while the stored hash still is <paramref name="verifiedHash"/> (the
    /// one the password was checked against): a password the owner changed meanwhile is never undone.
    /// </summary>
    public bool UpgradePasswordHash(string verifiedHash, string newHash)
    {
        if (Visibility != ChannelVisibility.Protected || PasswordHash != verifiedHash)
        {
            return false;
        }

        PasswordHash = newHash;
        return true;
    }

    /// <summary>
    /// The owner sets who may join. Protected needs a password: a new one, or none to keep the current
    /// one when the channel already is protected. Any other visibility drops the password.
    /// </summary>
    public void ChangeAccess(User by, ChannelVisibility visibility, string? password, IChannelPasswordHasher hasher)
    {
        RequireOwner(by);
        PasswordHash = PasswordHashFor(visibility, password, PasswordHash, hasher);
        Visibility = visibility;
    }

    /// <summary>
    /// A member invites someone to a private channel. Refused across a block and to a banned user;
    /// null when the invitee already is a member or invited.
    /// </summary>
    public ChannelNotice? Invite(User by, User invitee, DateTimeOffset now)
    {
        now = Instant.Normalize(now);
        EnsureGroup("a direct channel takes no invitations");
        if (!IsMember(by.Id))
        {
            throw ChannelErrors.NotMember();
        }

        if (Visibility != ChannelVisibility.Private)
        {
            throw ChannelErrors.Forbidden("only a private channel takes invitations; anyone may join this one");
        }

        EnsureNoBlockBetween(by, invitee);

        if (IsMember(invitee.Id) || _invites.ContainsKey(invitee.Id))
        {
            return null;
        }

        if (ActiveBanOf(invitee.Id, now) is not null)
        {
            throw ChannelErrors.TargetBanned(invitee.Id);
        }

        _invites.Add(invitee.Id, new ChannelInvite(invitee.Id, by.Id, now));
        return new ChannelNotice(ChannelNoticeCodes.Invited, Id, by.Id, invitee.Id);
    }

    /// <summary>The owner makes a member an admin; null when they already are one.</summary>
    public ChannelNotice? GrantAdmin(User by, User target) => SetRole(by, target, ChannelRole.Admin, ChannelNoticeCodes.AdminGranted);

    /// <summary>The owner makes an admin a plain member again; null when they are not an admin.</summary>
    public ChannelNotice? RevokeAdmin(User by, User target) => SetRole(by, target, ChannelRole.Member, ChannelNoticeCodes.AdminRevoked);

    /// <summary>An admin or the owner removes a member, who may join again.</summary>
    public ChannelNotice Kick(User by, User target)
    {
        RequireModerator(by, target);
        if (!_members.Remove(target.Id))
        {
            throw ChannelErrors.TargetNotMember(target.Id);
        }

        return new ChannelNotice(ChannelNoticeCodes.Kicked, Id, by.Id, target.Id);
    }

    /// <summary>
    /// An admin or the owner removes a user and keeps them out until <paramref name="until"/> (in the
    /// future), or for good. The user need not be a member; banning again replaces the end.
    /// </summary>
    public ChannelNotice Ban(User by, User target, DateTimeOffset? until, DateTimeOffset now)
    {
        now = Instant.Normalize(now);
        RequireModerator(by, target);
        var end = until is { } value ? Instant.Normalize(value) : (DateTimeOffset?)null;
        if (end <= now)
        {
            throw ChannelErrors.Invalid("a ban ends in the future, or never");
        }

        _members.Remove(target.Id);
        _invites.Remove(target.Id);
        _bans[target.Id] = new ChannelBan(target.Id, by.Id, now, end);
        return new ChannelNotice(ChannelNoticeCodes.Banned, Id, by.Id, target.Id, end);
    }

    /// <summary>An admin or the owner lifts a ban; null when there is none.</summary>
    public ChannelNotice? Unban(User by, User target)
    {
        RequireModerator(by, target);
        return _bans.Remove(target.Id)
            ? new ChannelNotice(ChannelNoticeCodes.Unbanned, Id, by.Id, target.Id)
            : null;
    }

    /// <summary>
    /// An admin or the owner silences a member until <paramref name="until"/>, which must be in the
    /// future; muting again replaces the end.
    /// </summary>
    public ChannelNotice Mute(User by, User target, DateTimeOffset until, DateTimeOffset now)
    {
        now = Instant.Normalize(now);
        until = Instant.Normalize(until);
        RequireModerator(by, target);
        if (!IsMember(target.Id))
        {
            throw ChannelErrors.TargetNotMember(target.Id);
        }

        if (until <= now)
        {
            throw ChannelErrors.Invalid("a mute ends in the future");
        }

        _mutes[target.Id] = new ChannelMute(target.Id, by.Id, now, until);
        return new ChannelNotice(ChannelNoticeCodes.Muted, Id, by.Id, target.Id, until);
    }

    /// <summary>An admin or the owner lifts a mute; null when there is none.</summary>
    public ChannelNotice? Unmute(User by, User target)
    {
        RequireModerator(by, target);
        return _mutes.Remove(target.Id)
            ? new ChannelNotice(ChannelNoticeCodes.Unmuted, Id, by.Id, target.Id)
            : null;
    }

    /// <summary>
    /// Tidies mutes and bans that have ended (they already no longer apply): an <c>unmuted</c> notice,
    /// without actor, for each mute removed; bans go silently.
    /// </summary>
    public IReadOnlyList<ChannelNotice> RemoveExpired(DateTimeOffset now)
    {
        now = Instant.Normalize(now);
        foreach (var ban in _bans.Values.Where(b => !b.AppliesAt(now)).ToList())
        {
            _bans.Remove(ban.UserId);
        }

        var ended = _mutes.Values.Where(m => !m.AppliesAt(now)).OrderBy(m => m.UserId, UuidOrder.Instance).ToList();
        foreach (var mute in ended)
        {
            _mutes.Remove(mute.UserId);
        }

        return [.. ended.Select(m => new ChannelNotice(ChannelNoticeCodes.Unmuted, Id, null, m.UserId))];
    }

    private static IEnumerable<ChannelMember> BySeniority(IEnumerable<ChannelMember> members) =>
        members.OrderBy(m => m.JoinedAt).ThenBy(m => m.UserId, UuidOrder.Instance);

    private static string? PasswordHashFor(ChannelVisibility visibility, string? password, string? currentHash, IChannelPasswordHasher hasher)
    {
        if (visibility != ChannelVisibility.Protected)
        {
            return password is null
                ? null
                : throw ChannelErrors.Invalid("only a protected channel has a password");
        }

        if (password is null)
        {
            return currentHash ?? throw ChannelErrors.Invalid("a protected channel needs a password");
        }

        return hasher.Hash(ChatText.Password(password));
    }

    /// <summary>
    /// Whether <paramref name="password"/> opens this protected channel. One that could never have been
    /// set is wrong without hashing it, so an oversized guess costs nothing.
    /// </summary>
    private bool IsPassword(string? password, IChannelPasswordHasher hasher) =>
        password is not null
        && ChatText.LengthOf(password) is > 0 and <= MaxPasswordLength
        && hasher.Verify(PasswordHash!, password);

    private void EnsureGroup(string reason)
    {
        if (IsDirect)
        {
            throw ChannelErrors.Forbidden(reason);
        }
    }

    private ChannelMember RequireMember(User user, string directReason)
    {
        EnsureGroup(directReason);
        return MemberOf(user.Id) ?? throw ChannelErrors.NotMember();
    }

    private void RequireOwner(User by)
    {
        if (RequireMember(by, "a direct channel has no owner").Role != ChannelRole.Owner)
        {
            throw ChannelErrors.Forbidden("only the owner of the channel may do this");
        }
    }

    /// <summary>
    /// Members do not moderate; nobody acts on the owner; an admin acts on another admin only when the
    /// actor is the owner; and nobody moderates themselves.
    /// </summary>
    private void RequireModerator(User by, User target)
    {
        var actor = RequireMember(by, "a direct channel has no moderators");
        if (actor.Role == ChannelRole.Member)
        {
            throw ChannelErrors.Forbidden("only the owner and admins moderate this channel");
        }

        var targetRole = MemberOf(target.Id)?.Role;
        if (targetRole == ChannelRole.Owner)
        {
            throw ChannelErrors.OwnerProtected();
        }

        if (target.Id == by.Id)
        {
            throw ChannelErrors.Forbidden("nobody moderates themselves");
        }

        if (targetRole == ChannelRole.Admin && actor.Role != ChannelRole.Owner)
        {
            throw ChannelErrors.Forbidden("only the owner acts on an admin");
        }
    }

    private ChannelNotice? SetRole(User by, User target, ChannelRole role, string code)
    {
        RequireOwner(by);
        var member = MemberOf(target.Id) ?? throw ChannelErrors.TargetNotMember(target.Id);
        if (member.Role == ChannelRole.Owner)
        {
            throw ChannelErrors.OwnerProtected();
        }

        if (member.Role == role)
        {
            return null;
        }

        _members[target.Id] = member with { Role = role };
        return new ChannelNotice(code, Id, by.Id, target.Id);
    }
}
