using Mediator;
using Moq;
using Transcendence.Application.Common.Behaviours;
using Transcendence.Application.Common.Ports;

namespace Transcendence.Application.UnitTests.Common;

public sealed class UnitOfWorkBehaviourTests
{
    private Mock<IUnitOfWork> _unitOfWork = null!;

    [SetUp]
    public void FreshMocks() => _unitOfWork = new Mock<IUnitOfWork>();

    public sealed record SomeCommand : ICommand<int>;

    public sealed record SomeQuery : IQuery<int>;

    [Test]
    public async Task A_command_that_succeeds_is_committed()
    {
        var result = await new UnitOfWorkBehaviour<SomeCommand, int>(_unitOfWork.Object)
            .Handle(new SomeCommand(), (_, _) => ValueTask.FromResult(42), CancellationToken.None);

        result.ShouldBe(42);
        _unitOfWork.Verify(u => u.BeginAsync(It.IsAny<CancellationToken>()), Times.Once);
        _unitOfWork.Verify(u => u.CommitAsync(It.IsAny<CancellationToken>()), Times.Once);
        _unitOfWork.Verify(u => u.RollbackAsync(It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task A_command_that_throws_is_rolled_back_and_the_error_passes_through()
    {
        await Should.ThrowAsync<InvalidOperationException>(() => new UnitOfWorkBehaviour<SomeCommand, int>(_unitOfWork.Object)
            .Handle(new SomeCommand(), (_, _) => throw new InvalidOperationException("boom"), CancellationToken.None).AsTask());

        _unitOfWork.Verify(u => u.RollbackAsync(It.IsAny<CancellationToken>()), Times.Once);
        _unitOfWork.Verify(u => u.CommitAsync(It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task A_query_opens_no_transaction()
    {
        await new UnitOfWorkBehaviour<SomeQuery, int>(_unitOfWork.Object)
            .Handle(new SomeQuery(), (_, _) => ValueTask.FromResult(1), CancellationToken.None);

        _unitOfWork.VerifyNoOtherCalls();
    }
}
