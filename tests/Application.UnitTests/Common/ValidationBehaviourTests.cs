using FluentValidation;
using Mediator;
using Transcendence.Application.Common.Behaviours;

namespace Transcendence.Application.UnitTests.Common;

public sealed class ValidationBehaviourTests
{
    public sealed record Named(string Name) : ICommand<string>;

    private sealed class NamedValidator : AbstractValidator<Named>
    {
        public NamedValidator() => RuleFor(n => n.Name).NotEmpty();
    }

    [Test]
    public async Task An_invalid_message_never_reaches_its_handler()
    {
        var reached = false;

        var refused = await Should.ThrowAsync<ValidationException>(() => new ValidationBehaviour<Named, string>([new NamedValidator()])
            .Handle(new Named(""), (_, _) => { reached = true; return ValueTask.FromResult("x"); }, CancellationToken.None).AsTask());

        reached.ShouldBeFalse();
        refused.Errors.Single().PropertyName.ShouldBe("Name");
    }

    [Test]
    public async Task A_valid_message_is_handled()
    {
        var result = await new ValidationBehaviour<Named, string>([new NamedValidator()])
            .Handle(new Named("ok"), (message, _) => ValueTask.FromResult(message.Name), CancellationToken.None);

        result.ShouldBe("ok");
    }

    [Test]
    public async Task A_nul_character_in_any_text_is_refused_even_without_a_validator()
    {
        var reached = false;

        var refused = await Should.ThrowAsync<ValidationException>(() => new ValidationBehaviour<Named, string>([])
            .Handle(new Named("a\0b"), (_, _) => { reached = true; return ValueTask.FromResult("x"); }, CancellationToken.None).AsTask());

        reached.ShouldBeFalse();
        refused.Errors.Single().PropertyName.ShouldBe("Name");
    }
}
