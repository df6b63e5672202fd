using System.Threading.Channels;

namespace Transcendence.Application.Games;

/// <summary>
/// One ordered queue of <see cref="GameEffect"/> batches for the whole process: the lobby's callers post
/// (the tick never waits on a socket or the store) and one pump delivers them in order.
/// </summary>
public sealed class GameOutbox
{
    private readonly Channel<IReadOnlyList<GameEffect>> _queue =
        Channel.CreateUnbounded<IReadOnlyList<GameEffect>>(new UnboundedChannelOptions { SingleReader = true });

    public void Post(IReadOnlyList<GameEffect> effects)
    {
        if (effects.Count > 0)
        {
            _queue.Writer.TryWrite(effects);
        }
    }

    public ChannelReader<IReadOnlyList<GameEffect>> Reader => _queue.Reader;
}
