using Mediator;
using Moq;
using Transcendence.Application.Common;
using Transcendence.Application.Common.Behaviours;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Common.Realtime;

namespace Transcendence.Application.UnitTests.Common;

public sealed class RealtimeDispatchBehaviourTests
{
    private Mock<IRealtimeTransport> _transport = null!;
    private RealtimeOutbox _outbox = null!;

    public sealed record Shout : ICommand<int>;

    [SetUp]
    public void FreshOutbox()
    {
        _transport = new Mock<IRealtimeTransport>();
        _outbox = new RealtimeOutbox(_transport.Object);
    }

    [Test]
    public async Task Events_queued_by_a_handler_are_delivered_in_order_once_it_has_succeeded()
    {
        var userId = Guid.NewGuid();
        var channelId = Guid.NewGuid();
        var order = new List<string>();
        _transport.Setup(t => t.ToUsersAsync(It.IsAny<IReadOnlyCollection<Guid>>(), It.IsAny<string>(), It.IsAny<object>(), It.IsAny<CancellationToken>()))
            .Callback<IReadOnlyCollection<Guid>, string, object, CancellationToken>((_, name, _, _) => order.Add(name)).Returns(Task.CompletedTask);
        _transport.Setup(t => t.ToChannelAsync(channelId, It.IsAny<string>(), It.IsAny<object>(), It.IsAny<IReadOnlyCollection<Guid>>(), It.IsAny<CancellationToken>()))
            .Callback<Guid, string, object, IReadOnlyCollection<Guid>, CancellationToken>((_, name, _, _, _) => order.Add(name)).Returns(Task.CompletedTask);

        await new RealtimeDispatchBehaviour<Shout, int>(_outbox).Handle(new Shout(), (_, _) =>
        {
            _outbox.ToChannel(channelId, "First", new object());
            _outbox.ToUser(userId, "Second", new object());
            order.ShouldBeEmpty("nothing leaves before the handler has finished");
            return ValueTask.FromResult(1);
        }, CancellationToken.None);

        order.ShouldBe(["First", "Second"]);
    }

    [Test]
    public async Task A_delivery_that_fails_is_no_error_for_the_sender_and_the_rest_still_go()
    {
        var delivered = new List<string>();
        _transport.Setup(t => t.ToUsersAsync(It.IsAny<IReadOnlyCollection<Guid>>(), "Broken", It.IsAny<object>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("the socket went away"));
        _transport.Setup(t => t.ToUsersAsync(It.IsAny<IReadOnlyCollection<Guid>>(), "Fine", It.IsAny<object>(), It.IsAny<CancellationToken>()))
            .Callback(() => delivered.Add("Fine")).Returns(Task.CompletedTask);

        var result = await new RealtimeDispatchBehaviour<Shout, int>(_outbox).Handle(new Shout(), (_, _) =>
        {
            _outbox.ToUser(Guid.NewGuid(), "Broken", new object());
            _outbox.ToUser(Guid.NewGuid(), "Fine", new object());
            return ValueTask.FromResult(7);
        }, CancellationToken.None);

        result.ShouldBe(7);
        delivered.ShouldBe(["Fine"]);
    }

    [Test]
    public async Task A_failed_handler_delivers_nothing()
    {
        await Should.ThrowAsync<InvalidOperationException>(() => new RealtimeDispatchBehaviour<Shout, int>(_outbox).Handle(new Shout(), (_, _) =>
        {
            _outbox.ToUser(Guid.NewGuid(), "Ghost", new object());
            throw new InvalidOperationException("rolled back");
        }, CancellationToken.None).AsTask());

        _transport.VerifyNoOtherCalls();
    }

    [Test]
    public async Task A_committed_refusal_delivers_what_it_queued_and_still_refuses()
    {
        var delivered = false;

        var refused = await Should.ThrowAsync<CommittedRefusal>(() => new RealtimeDispatchBehaviour<Shout, int>(_outbox).Handle(new Shout(), (_, _) =>
        {
            _outbox.Defer(_ =>
            {
                delivered = true;
                return Task.CompletedTask;
            });
            throw new CommittedRefusal(new Domain.Common.DomainException("auth.invalid_token", Domain.Common.ErrorKind.Unauthenticated, "reused"));
        }, CancellationToken.None).AsTask());

        refused.Code.ShouldBe("auth.invalid_token");
        delivered.ShouldBeTrue("the refusal's writes were committed, so what it queued about them is delivered");
    }
}
