namespace Transcendence.Infrastructure;

/// <summary>Which store runs (<c>Storage:Provider</c>): the in-memory map store or PostgreSQL.</summary>
public enum StorageProvider
{
    InMemory,
    Postgres,
}

public sealed class StorageOptions
{
    public const string Section = "Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.InMemory;
}
