using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Transcendence.Web.IntegrationTests.Infrastructure;

/// <summary>
/// A tiny OTLP/HTTP collector on a free loopback port: accepts protobuf <c>POST /v1/traces</c> and
/// <c>/v1/metrics</c> and records, per instrumentation scope, the span and metric names it decoded.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OtlpReceiver(WebApplication app) => _app = app;

    public Uri Endpoint { get; private set; } = null!;

    /// <summary>(scope, span name) for every span received.</summary>
    public ConcurrentQueue<(string Scope, string Name)> Spans { get; } = new();

    /// <summary>(scope, metric name) for every metric received.</summary>
    public ConcurrentQueue<(string Scope, string Name)> Metrics { get; } = new();

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        // Field numbers from opentelemetry-proto: Export*ServiceRequest.resource_* = 1, Resource*.scope_* = 2,
        // Scope*.scope = 1 / spans|metrics = 2, InstrumentationScope.name = 1, Span.name = 5, Metric.name = 1.
        app.MapPost("/v1/traces", async (HttpRequest request) =>
        {
            Record(await ReadAsync(request), receiver.Spans, nameField: 5);
            return Results.Bytes([], "application/x-protobuf");
        });
        app.MapPost("/v1/metrics", async (HttpRequest request) =>
        {
            Record(await ReadAsync(request), receiver.Metrics, nameField: 1);
            return Results.Bytes([], "application/x-protobuf");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Endpoint = new Uri(address);
        return receiver;
    }

    /// <summary>Waits (up to 30 s) until something received satisfies <paramref name="condition"/>.</summary>
    public static async Task<bool> EventuallyAsync(Func<bool> condition)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static async Task<byte[]> ReadAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private static void Record(byte[] request, ConcurrentQueue<(string, string)> into, int nameField)
    {
        foreach (var resource in Protobuf.Fields(request, 1))
        {
            foreach (var scoped in Protobuf.Fields(resource, 2))
            {
                var scope = Protobuf.Fields(scoped, 1).Select(s => Protobuf.Strings(s, 1).FirstOrDefault()).FirstOrDefault() ?? string.Empty;
                foreach (var item in Protobuf.Fields(scoped, 2))
                {
                    foreach (var name in Protobuf.Strings(item, nameField))
                    {
                        into.Enqueue((scope, name));
                    }
                }
            }
        }
    }

    /// <summary>Just enough of the protobuf wire format to walk length-delimited fields.</summary>
    private static class Protobuf
    {
        public static IEnumerable<string> Strings(ReadOnlyMemory<byte> message, int field) =>
            Fields(message, field).Select(bytes => System.Text.Encoding.UTF8.GetString(bytes.Span));

        public static IEnumerable<ReadOnlyMemory<byte>> Fields(ReadOnlyMemory<byte> message, int field)
        {
            var position = 0;
            while (position < message.Length)
            {
                var key = Varint(message.Span, ref position);
                var number = (int)(key >> 3);
                switch (key & 7)
                {
                    case 0:
                        Varint(message.Span, ref position);
                        break;
                    case 1:
                        position += 8;
                        break;
                    case 5:
                        position += 4;
                        break;
                    case 2:
                        var length = (int)Varint(message.Span, ref position);
                        if (number == field)
                        {
                            yield return message.Slice(position, length);
                        }

                        position += length;
                        break;
                    default:
                        throw new InvalidDataException($"unexpected wire type {key & 7}");
                }
            }
        }

        private static ulong Varint(ReadOnlySpan<byte> bytes, ref int position)
        {
            ulong value = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = bytes[position++];
                value |= (ulong)(b & 0x7f) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }
        }
    }
}
