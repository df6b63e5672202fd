using System.Net;
using System.Net.Http.Headers;
using Transcendence.Infrastructure;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.Avatars;

/// <summary>
/// Avatar uploads over a real socket (Kestrel): a body a little over the limit gets its 413 answer, not a
/// connection the server cut off mid-upload (which the in-memory test server cannot show).
/// </summary>
[TestFixture(StorageProvider.InMemory)]
[TestFixture(StorageProvider.Postgres)]
public sealed class AvatarUploadOverKestrelTests(StorageProvider provider)
{
    private const int MiB = 1024 * 1024;
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private TranscendenceApp _app = null!;
    private ApiClient _alice = null!;

    [SetUp]
    public async Task StartApp()
    {
        _app = await TranscendenceApp.StartAsync(provider, realServer: true);
        _alice = await ApiClient.LoginAsync(_app, "alice");
    }

    [TearDown]
    public async Task StopApp() => await _app.DisposeAsync();

    [Test]
    public async Task Exactly_one_mebibyte_is_accepted()
    {
        var info = await (await UploadAsync(MiB)).ReadJsonAsync(HttpStatusCode.OK);

        info["size"]!.GetValue<int>().ShouldBe(MiB);
    }

    // Up to twice the route's cap the body is read before the answer; beyond it the server may cut the
    // upload off (after sending the 413), which HttpClient reports as a failed upload.
    [TestCase(MiB + 1)]
    [TestCase(MiB + (4 * 1024))]
    [TestCase(MiB + (16 * 1024))]
    [TestCase(MiB + (100 * 1024))]
    [TestCase(MiB + (512 * 1024))]
    [TestCase(MiB + (768 * 1024))]
    [TestCase(2 * MiB)]
    public async Task A_file_a_little_over_a_mebibyte_gets_its_413_answer(int size)
    {
        await (await UploadAsync(size)).ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "too_large");
    }

    private async Task<HttpResponseMessage> UploadAsync(int size)
    {
        var content = new byte[size];
        PngSignature.CopyTo(content, 0);
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using var form = new MultipartFormDataContent { { file, "file", "avatar.png" } };
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/users/me/avatar") { Content = form };
        return await _alice.Http.SendAsync(request);
    }
}
