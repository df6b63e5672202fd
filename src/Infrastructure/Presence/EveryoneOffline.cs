using Transcendence.Application.Common.Ports;
using Transcendence.Application.Users;

namespace Transcendence.Infrastructure.Presence;

/// <summary>Until hub connections are tracked, nobody is known to be here.</summary>
public sealed class EveryoneOffline : IPresenceLookup
{
    public string StatusOf(Guid userId) => UserStatus.Offline;
}
