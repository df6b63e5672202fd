using Microsoft.AspNetCore.DataProtection;
using Transcendence.Application.Common.Ports;

namespace Transcendence.Infrastructure.Auth;

/// <summary>Secrets encrypted with ASP.NET Core Data Protection, under a purpose of their own.</summary>
public sealed class DataProtectionSecretProtector(IDataProtectionProvider provider) : ISecretProtector
{
    private readonly IDataProtector _protector = provider.CreateProtector("Transcendence.TwoFactor.Secret.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}
