using Transcendence.Domain.Channels;
using Transcendence.Domain.Common;
using Transcendence.Domain.Users;

namespace Transcendence.Domain.UnitTests.Channels;

/// <summary>
/// A public channel "general" with an owner, an admin, two plain members (joined in that order, one
/// second apart) and an outsider; every test starts from a fresh one.
/// </summary>
public abstract class ChannelTestKit
{
    protected static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    protected static readonly FakeHasher Hasher = new();

    protected User Owner { get; private set; } = null!;

    protected User Admin { get; private set; } = null!;

    protected User Member { get; private set; } = null!;

    protected User OtherMember { get; private set; } = null!;

    protected User Outsider { get; private set; } = null!;

    protected Channel Channel { get; private set; } = null!;

    [SetUp]
    public void CreateChannel()
    {
        Owner = NewUser("owner");
        Admin = NewUser("admin");
        Member = NewUser("member");
        OtherMember = NewUser("other");
        Outsider = NewUser("outsider");
        Channel = Channel.Create(Owner, "general", ChannelVisibility.Public, null, Hasher, Now);
        Channel.Join(Admin, null, Hasher, Now.AddSeconds(1));
        Channel.GrantAdmin(Owner, Admin);
        Channel.Join(Member, null, Hasher, Now.AddSeconds(2));
        Channel.Join(OtherMember, null, Hasher, Now.AddSeconds(3));
    }

    protected static User NewUser(string name) => User.Register(name, DisplayName.Parse(name), Now);

    protected static Channel NewChannel(User owner, ChannelVisibility visibility = ChannelVisibility.Public, string? password = null) =>
        Channel.Create(owner, "room", visibility, password, Hasher, Now);

    protected static void ShouldBeRefused(Action action, string code)
    {
        var refusal = Should.Throw<DomainException>(action);
        refusal.Code.ShouldBe(code);
    }

    protected static void ShouldBeRefused(Func<object?> action, string code) => ShouldBeRefused(() => { action(); }, code);

    /// <summary>Reversible and readable, so tests can see what was stored.</summary>
    protected sealed class FakeHasher : IChannelPasswordHasher
    {
        public string Hash(string password) => "hashed:" + password;

        public bool Verify(string hash, string password) => hash == "hashed:" + password;

        public bool NeedsRehash(string hash) => false;
    }
}
