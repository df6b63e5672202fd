using Mediator;
using Moq;
using Transcendence.Application.Common;
using Transcendence.Application.Common.Behaviours;
using Transcendence.Application.Common.Ports;
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
        var result = await new UnitOfWorkBehaviour<TestQuery, int>(_unitOfWork.Object)
            .Handle(new TestQuery(), (_, _) => ValueTask.FromResult(7), CancellationToken.None);

        result.ShouldBe(7);
        _unitOfWork.VerifyNoOtherCalls();
    }

    [Test]
    public async Task A_command_whose_one_write_is_atomic_opens_no_transaction()
    {
        var result = await new UnitOfWorkBehaviour<TestAtomicWriteCommand, int>(_unitOfWork.Object)
            .Handle(new TestAtomicWriteCommand(), (_, _) => ValueTask.FromResult(9), CancellationToken.None);

        result.ShouldBe(9);
        _unitOfWork.VerifyNoOtherCalls();
    }

    private UnitOfWorkBehaviour<TestCommand, int> Behaviour() => new(_unitOfWork.Object);

    public sealed record TestCommand : ICommand<int>;

    public sealed record TestQuery : IQuery<int>;

    public sealed record TestAtomicWriteCommand : ICommand<int>, IAtomicWriteCommand;
}
