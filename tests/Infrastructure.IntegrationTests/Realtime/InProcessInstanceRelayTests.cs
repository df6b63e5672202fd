using System.Text;
using Microsoft.Extensions.Logging.Testing;
using Transcendence.Application.Common;
using Transcendence.Infrastructure.Realtime;

namespace Transcendence.Infrastructure.IntegrationTests.Realtime;

/// <summary>The relay with one instance (no Redis): it reaches itself and nobody else (the contract covers the rest).</summary>
public sealed class InProcessInstanceRelayTests
{
    [Test]
    public async Task One_instance_reaches_only_itself_and_any_other_instance_is_unavailable_at_once()
    {
        var relay = new BusInstanceRelay(new InProcessInstanceBus(), new FakeLogger<BusInstanceRelay>());
        relay.ReachesOtherInstances.ShouldBeFalse();
        relay.InstanceId.ShouldBe(InProcessInstanceBus.LocalInstanceId);
        var told = 0;
        relay.Listen((_, request) => Task.FromResult(request), (_, _) => told++);

        var ask = relay.AskAsync("elsewhere", Bytes("x"), TimeSpan.FromDays(1), CancellationToken.None);
        relay.Tell("elsewhere", Bytes("dropped"));

        ask.IsFaulted.ShouldBeTrue();
        (await Should.ThrowAsync<InstanceUnavailableException>(() => ask)).InstanceId.ShouldBe("elsewhere");
        told.ShouldBe(0);
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
