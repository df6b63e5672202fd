using FluentValidation;

namespace Transcendence.Application.Users.SearchUsers;

public sealed class SearchUsersValidator : AbstractValidator<SearchUsers>
{
    public SearchUsersValidator()
    {
        RuleFor(q => q.Search).MaximumLength(64);
        RuleFor(q => q.Limit).InclusiveBetween(1, SearchUsers.MaxLimit);
    }
}
