using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Auth;

namespace Transcendence.Infrastructure.Persistence.InMemory;

/// <remarks>
/// No locking is needed for <see cref="FindTokenAsync"/>: of two refreshes that read the same token, only
/// the first to commit does; the other runs again and finds the token used.
/// </remarks>
public sealed class InMemoryRefreshTokenRepository(InMemorySession session) : IRefreshTokenRepository
{
    private RefreshTokenTable Table => session.State.RefreshTokens;

    public Task AddFamilyAsync(RefreshTokenFamily family, CancellationToken cancellationToken) =>
        Change(state =>
        {
            // The foreign key the Postgres schema has.
            if (!state.Users.ById.ContainsKey(family.UserId))
            {
                throw new InvalidOperationException($"no user has the id {family.UserId}");
            }

            var table = state.RefreshTokens;
            if (table.Families.ContainsKey(family.Id))
            {
                throw new InvalidOperationException($"the login {family.Id} is already stored");
            }

            return state with { RefreshTokens = table with { Families = table.Families.Add(family.Id, RefreshTokenFamilyRow.From(family)) } };
        }, FamilyKey(family.Id));

    public Task<RefreshTokenFamily?> FindFamilyAsync(Guid familyId, CancellationToken cancellationToken)
    {
        session.Read(FamilyKey(familyId));
        return Task.FromResult(Table.Families.TryGetValue(familyId, out var row) ? row.ToFamily() : null);
    }

    public Task UpdateFamilyAsync(RefreshTokenFamily family, CancellationToken cancellationToken) =>
        Write(table => table.Families.ContainsKey(family.Id)
            ? table with { Families = table.Families.SetItem(family.Id, RefreshTokenFamilyRow.From(family)) }
            : throw new InvalidOperationException($"the login {family.Id} is not stored"), FamilyKey(family.Id));

    public Task AddTokenAsync(RefreshToken token, CancellationToken cancellationToken) =>
        Write(table =>
        {
            if (!table.Families.ContainsKey(token.FamilyId))
            {
                throw new InvalidOperationException($"the login {token.FamilyId} is not stored");
            }

            if (table.TokensByHash.ContainsKey(token.Hash))
            {
                throw new InvalidOperationException("a refresh token with this hash is already stored");
            }

            return table with { TokensByHash = table.TokensByHash.Add(token.Hash, RefreshTokenRow.From(token)) };
        }, TokenKey(token.Hash));

    public Task<RefreshToken?> FindTokenAsync(string tokenHash, CancellationToken cancellationToken)
    {
        session.Read(TokenKey(tokenHash));
        return Task.FromResult(Table.TokensByHash.TryGetValue(tokenHash, out var row) ? row.ToToken() : null);
    }

    public Task UpdateTokenAsync(RefreshToken token, CancellationToken cancellationToken) =>
        Write(table => table.TokensByHash.ContainsKey(token.Hash)
            ? table with { TokensByHash = table.TokensByHash.SetItem(token.Hash, RefreshTokenRow.From(token)) }
            : throw new InvalidOperationException("the refresh token is not stored"), TokenKey(token.Hash));

    private static long FamilyKey(Guid familyId) => StoreKey.Of(StoreTable.RefreshFamilies, familyId);

    private static long TokenKey(string tokenHash) => StoreKey.Of(StoreTable.RefreshTokens, tokenHash);

    private Task Write(Func<RefreshTokenTable, RefreshTokenTable> change, long key) =>
        Change(state => state with { RefreshTokens = change(state.RefreshTokens) }, key);

    private Task Change(Func<InMemoryState, InMemoryState> change, long key)
    {
        session.Write(change, key);
        return Task.CompletedTask;
    }
}
