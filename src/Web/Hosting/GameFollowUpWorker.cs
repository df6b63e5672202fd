using System.Threading.Channels;
using Mediator;

namespace Transcendence.Web.Hosting;

/// <summary>
/// Runs the games' slow follow-ups (storing a finished match, in-game presence) one at a time, each as a
/// command in its own scope (its own transaction and realtime outbox), away from the tick.
/// </summary>
public sealed partial class GameFollowUpWorker(IServiceScopeFactory scopes, ILogger<GameFollowUpWorker> logger) : BackgroundService
{
    private readonly Channel<ICommand> _queue = Channel.CreateUnbounded<ICommand>(new UnboundedChannelOptions { SingleReader = true });

    public Task Enqueue(ICommand command)
    {
        _queue.Writer.TryWrite(command);
        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var command in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ISender>().Send(command, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFollowUpFailed(ex, command.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The game follow-up {Command} failed")]
    private partial void LogFollowUpFailed(Exception exception, string command);
}
