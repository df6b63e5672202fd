using Mediator;
using Moq;
using Transcendence.Application.Common;
using Transcendence.Application.Common.Behaviours;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Common.Realtime;
using Transcendence.Domain.Common;

namespace Transcendence.Application.UnitTests.Common;

public sealed class UnitOfWorkBehaviourTests
{
    private Mock<IUnitOfWork> _unitOfWork = null!;

    [SetUp]
    public void SetUp() => _unitOfWork = new();

    [Test]
    public async Task A_command_that_returns_commits()
    {
        var result = await Behaviour().Handle(new TestCommand(), (_, _) => ValueTask.FromResult(42), CancellationToken.None);

        result.ShouldBe(42);
        _unitOfWork.Verify(u => u.CommitAsync(It.IsAny<CancellationToken>()), Times.Once);
        _unitOfWork.Verify(u => u.RollbackAsync(It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task A_refusal_rolls_back()
    {
        var refusal = new DomainException("x.refused", ErrorKind.Conflict, "no");

        (await Should.ThrowAsync<DomainException>(() => Behaviour().Handle(new TestCommand(), (_, _) => throw refusal, CancellationToken.None).AsTask()))
            .ShouldBeSameAs(refusal);

        _unitOfWork.Verify(u => u.RollbackAsync(It.IsAny<CancellationToken>()), Times.Once);
        _unitOfWork.Verify(u => u.CommitAsync(It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task A_committed_refusal_commits_what_was_written_and_still_refuses()
    {
        var refusal = new CommittedRefusal(new DomainException("auth.invalid_token", ErrorKind.Unauthenticated, "reused"));

        var thrown = await Should.ThrowAsync<DomainException>(() =>
            Behaviour().Handle(new TestCommand(), (_, _) => throw refusal, CancellationToken.None).AsTask());

        thrown.Code.ShouldBe("auth.invalid_token");
        thrown.Kind.ShouldBe(ErrorKind.Unauthenticated);
        _unitOfWork.Verify(u => u.CommitAsync(It.IsAny<CancellationToken>()), Times.Once);
        _unitOfWork.Verify(u => u.RollbackAsync(It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task A_query_opens_no_transaction()
    {
        var result = await new UnitOfWorkBehaviour<TestQuery, int>(_unitOfWork.Object, Outbox())
            .Handle(new TestQuery(), (_, _) => ValueTask.FromResult(7), CancellationToken.None);

        result.ShouldBe(7);
        _unitOfWork.VerifyNoOtherCalls();
    }

    [Test]
    public async Task A_commit_that_meets_a_conflict_runs_the_command_again_without_what_the_first_attempt_queued()
    {
        var transport = new Mock<IRealtimeTransport>();
        var outbox = new RealtimeOutbox(transport.Object);
        _unitOfWork.SetupSequence(u => u.CommitAsync(It.IsAny<CancellationToken>()))
            .ThrowsAsync(new TransactionConflictException())
            .Returns(ValueTask.CompletedTask);
        var attempts = 0;

        var result = await new UnitOfWorkBehaviour<TestCommand, int>(_unitOfWork.Object, outbox).Handle(new TestCommand(), (_, _) =>
        {
            attempts++;
            outbox.ToUser(Guid.NewGuid(), "Attempt", attempts);
            return ValueTask.FromResult(attempts);
        }, CancellationToken.None);
        await outbox.FlushAsync(CancellationToken.None);

        result.ShouldBe(2);
        _unitOfWork.Verify(u => u.BeginAsync(It.IsAny<CancellationToken>()), Times.Exactly(2));
        transport.Verify(t => t.ToUsersAsync(It.IsAny<IReadOnlyCollection<Guid>>(), "Attempt", 2, It.IsAny<CancellationToken>()), Times.Once);
        transport.Verify(t => t.ToUsersAsync(It.IsAny<IReadOnlyCollection<Guid>>(), "Attempt", 1, It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task A_command_that_keeps_conflicting_gives_up_after_the_last_attempt()
    {
        _unitOfWork.Setup(u => u.CommitAsync(It.IsAny<CancellationToken>())).ThrowsAsync(new TransactionConflictException());

        await Should.ThrowAsync<TransactionConflictException>(() =>
            Behaviour().Handle(new TestCommand(), (_, _) => ValueTask.FromResult(1), CancellationToken.None).AsTask());

        _unitOfWork.Verify(
            u => u.BeginAsync(It.IsAny<CancellationToken>()),
            Times.Exactly(UnitOfWorkBehaviour<TestCommand, int>.MaxAttempts));
    }

    [TestCase(typeof(Transcendence.Application.Presence.ConnectUser.ConnectUser))]
    [TestCase(typeof(Transcendence.Application.Presence.DisconnectUser.DisconnectUser))]
    [TestCase(typeof(Transcendence.Application.Channels.JoinChannelGroups.JoinChannelGroups))]
    [TestCase(typeof(Transcendence.Application.Channels.RelaySignal.RelaySignal))]
    [TestCase(typeof(Transcendence.Application.Games.UpdatePlayingStatus.UpdatePlayingStatus))]
    public void Commands_that_write_nothing_to_the_store_open_no_transaction(Type command) =>
        command.IsAssignableTo(typeof(ILiveStateCommand)).ShouldBeTrue();

    [Test]
    public async Task A_live_state_command_opens_no_transaction()
    {
        var result = await new UnitOfWorkBehaviour<TestLiveCommand, int>(_unitOfWork.Object, Outbox())
            .Handle(new TestLiveCommand(), (_, _) => ValueTask.FromResult(3), CancellationToken.None);

        result.ShouldBe(3);
        _unitOfWork.VerifyNoOtherCalls();
    }

    [Test]
    public async Task A_command_whose_one_write_is_atomic_opens_no_transaction()
    {
        var result = await new UnitOfWorkBehaviour<TestAtomicWriteCommand, int>(_unitOfWork.Object, Outbox())
            .Handle(new TestAtomicWriteCommand(), (_, _) => ValueTask.FromResult(9), CancellationToken.None);

        result.ShouldBe(9);
        _unitOfWork.VerifyNoOtherCalls();
    }

    private UnitOfWorkBehaviour<TestCommand, int> Behaviour() => new(_unitOfWork.Object, Outbox());

    private static RealtimeOutbox Outbox() => new(Mock.Of<IRealtimeTransport>());

    public sealed record TestCommand : ICommand<int>;

    public sealed record TestQuery : IQuery<int>;

    public sealed record TestLiveCommand : ICommand<int>, ILiveStateCommand;

    public sealed record TestAtomicWriteCommand : ICommand<int>, IAtomicWriteCommand;
}
