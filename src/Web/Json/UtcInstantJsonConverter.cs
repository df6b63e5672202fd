using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Transcendence.Web.Json;

/// <summary>
/// Writes times as the contract says, ISO 8601 in UTC with a <c>Z</c> (<c>2026-11-24T10:00:00Z</c>),
/// where System.Text.Json would write <c>+00:00</c>. Reads any ISO 8601 offset.
/// </summary>
public sealed class UtcInstantJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset().ToUniversalTime();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
}
