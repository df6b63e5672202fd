using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Transcendence.Infrastructure.ScaleOut;

/// <summary>
/// <c>ScaleOut</c>: who this instance is and where its keys live in Redis. Read only when
/// <c>ConnectionStrings:Redis</c> is set (<see cref="RedisScaleOut.IsOn"/>).
/// </summary>
public sealed class ScaleOutOptions
{
    public const string Section = "ScaleOut";

    /// <summary>This instance's name in Redis (lease holders, <c>CLIENT LIST</c>, logs); unique per running instance.</summary>
    [Required(ErrorMessage = "ScaleOut:InstanceId must not be empty")]
    [RegularExpression("^[A-Za-z0-9._:-]{1,64}$", ErrorMessage = "ScaleOut:InstanceId must be 1–64 letters, digits, '.', '_', ':' or '-'")]
    public string InstanceId { get; set; } = DefaultInstanceId();

    /// <summary>Put before every Redis key and pub/sub channel the app uses, so several apps can share one Redis.</summary>
    [Required(ErrorMessage = "ScaleOut:KeyPrefix must not be empty")]
    [StringLength(64, MinimumLength = 1, ErrorMessage = "ScaleOut:KeyPrefix must be 1–64 characters")]
    public string KeyPrefix { get; set; } = "transcendence:";

    /// <summary>
    /// How long a singleton lease lasts without renewal: the holder renews it every third of this; a dead
    /// holder's lease is taken over within about this plus a third.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "ScaleOut:LeaseTtl must be between 1 s and 10 min")]
    public TimeSpan LeaseTtl { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary><c>ConnectionStrings:Redis</c>, as StackExchange.Redis reads it (not bound from the section).</summary>
    public string RedisConnectionString { get; set; } = string.Empty;

    /// <summary>The host's name and a random suffix: unique even for two instances on one host.</summary>
    public static string DefaultInstanceId()
    {
        var host = new string([.. Environment.MachineName.Where(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-').Take(48)]);
        return $"{(host.Length > 0 ? host : "instance")}-{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray(), 0, 4)}";
    }
}

/// <summary>
/// What the data annotations cannot see: scale-out needs the shared PostgreSQL store, and a Redis
/// connection string StackExchange.Redis can read.
/// </summary>
internal sealed class ScaleOutOptionsValidator(IConfiguration configuration) : IValidateOptions<ScaleOutOptions>
{
    public ValidateOptionsResult Validate(string? name, ScaleOutOptions options)
    {
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        if (storage.Provider != StorageProvider.Postgres)
        {
            return ValidateOptionsResult.Fail(
                $"ConnectionStrings:Redis is set (scale-out: several instances) but Storage:Provider is {storage.Provider}: " +
                "each instance would have its own database, so users, channels and messages would differ by instance. " +
                "Set Storage:Provider=Postgres with one ConnectionStrings:Postgres for every instance, or unset ConnectionStrings:Redis to run one instance.");
        }

        try
        {
            ConfigurationOptions.Parse(options.RedisConnectionString);
        }
        catch (ArgumentException ex)
        {
            return ValidateOptionsResult.Fail($"ConnectionStrings:Redis is not a StackExchange.Redis configuration (host:port[,option=value…]): {ex.Message}");
        }

        return ValidateOptionsResult.Success;
    }
}
