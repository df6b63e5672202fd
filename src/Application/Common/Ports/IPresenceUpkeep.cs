namespace Transcendence.Application.Common.Ports;

/// <summary>
/// What keeps a shared presence true when no hub reports anything: this instance renews its lease on what it
/// holds (and writes it again when the shared store lost it), and counts out the instances whose lease ran out. Each returns the users whose status that changed, for their friends to hear. One instance
/// alone has nothing to keep (<see cref="Beat"/> is null).
/// </summary>
public interface IPresenceUpkeep
{
    /// <summary>How often <see cref="RenewAsync"/> and <see cref="SweepAsync"/> run; null: never (one instance).</summary>
    TimeSpan? Beat { get; }

    /// <summary>Renews this instance's lease; when the shared store lost what this instance holds (an outage, a restart, a lapsed lease), writes it again.</summary>
    Task<IReadOnlyList<Guid>> RenewAsync(CancellationToken cancellationToken);

    /// <summary>Counts out every instance whose lease ran out; safe on every instance at once (each flip is found by one).</summary>
    Task<IReadOnlyList<Guid>> SweepAsync(CancellationToken cancellationToken);
}
