using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Transcendence.Application.Avatars;
using Transcendence.Infrastructure;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.Avatars;

/// <summary>The avatar routes over real HTTP, on each store.</summary>
[TestFixture(StorageProvider.InMemory)]
[TestFixture(StorageProvider.Postgres)]
public sealed class AvatarsApiTests(StorageProvider provider)
{
    private const int MiB = 1024 * 1024;

    private TranscendenceApp _app = null!;
    private ApiClient _alice = null!;

    [SetUp]
    public async Task StartApp()
    {
        _app = await TranscendenceApp.StartAsync(provider);
        _alice = await ApiClient.LoginAsync(_app, "alice");
    }

    [TearDown]
    public async Task StopApp() => await _app.DisposeAsync();

    public static IEnumerable<TestCaseData> Images()
    {
        yield return new TestCaseData(Image.Png(64), "image/png").SetName("A PNG is stored and served as image/png");
        yield return new TestCaseData(Image.Jpeg(64), "image/jpeg").SetName("A JPEG is stored and served as image/jpeg");
        yield return new TestCaseData(Image.Gif(64), "image/gif").SetName("A GIF is stored and served as image/gif");
        yield return new TestCaseData(Image.WebP(64), "image/webp").SetName("A WebP is stored and served as image/webp");
    }

    [Test]
    public async Task A_user_without_an_avatar_gets_the_built_in_default_anonymously()
    {
        var response = await _app.CreateClient().GetAsync($"/api/users/{_alice.UserId}/avatar");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes.ShouldBe(DefaultAvatar.File.Content.ToArray());
        bytes[..8].ShouldBe(Image.PngSignature);
        response.Headers.ETag!.Tag.ShouldBe($"\"{DefaultAvatar.File.Tag}\"");
        response.Headers.CacheControl!.NoCache.ShouldBeTrue();
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
    }

    [TestCaseSource(nameof(Images))]
    public async Task An_uploaded_image_is_recognised_by_content_whatever_its_name_and_declared_type(byte[] image, string contentType)
    {
        // Declared as something else entirely, under a misleading name: only the bytes count.
        var info = await (await Upload(_alice, image, fileName: "holiday.txt", declaredType: "application/octet-stream")).ReadJsonAsync(HttpStatusCode.OK);

        info["avatarUrl"]!.GetValue<string>().ShouldBe($"/api/users/{_alice.UserId}/avatar");
        info["contentType"]!.GetValue<string>().ShouldBe(contentType);
        info["size"]!.GetValue<int>().ShouldBe(image.Length);
        var served = await _app.CreateClient().GetAsync($"/api/users/{_alice.UserId}/avatar");
        served.StatusCode.ShouldBe(HttpStatusCode.OK);
        served.Content.Headers.ContentType!.MediaType.ShouldBe(contentType);
        (await served.Content.ReadAsByteArrayAsync()).ShouldBe(image);
        served.Headers.ETag!.Tag.ShouldBe(info["etag"]!.GetValue<string>());
        served.Content.Headers.LastModified.ShouldBe(_app.Clock.GetUtcNow());
    }

    [Test]
    public async Task A_matching_if_none_match_gets_a_304_and_a_stale_one_the_image()
    {
        var etag = (await (await Upload(_alice, Image.Png(100))).ReadJsonAsync(HttpStatusCode.OK))["etag"]!.GetValue<string>();
        var client = _app.CreateClient();

        using var current = new HttpRequestMessage(HttpMethod.Get, $"/api/users/{_alice.UserId}/avatar");
        current.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etag));
        var notModified = await client.SendAsync(current);

        notModified.StatusCode.ShouldBe(HttpStatusCode.NotModified);
        (await notModified.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();
        notModified.Headers.ETag!.Tag.ShouldBe(etag);

        using var stale = new HttpRequestMessage(HttpMethod.Get, $"/api/users/{_alice.UserId}/avatar");
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"something-else\""));
        var fresh = await client.SendAsync(stale);

        fresh.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await fresh.Content.ReadAsByteArrayAsync()).ShouldBe(Image.Png(100));
    }

    [Test]
    public async Task The_default_avatar_answers_304_to_its_own_etag_too()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/users/{_alice.UserId}/avatar");
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{DefaultAvatar.File.Tag}\""));

        (await _app.CreateClient().SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }

    [Test]
    public async Task Replacing_the_avatar_changes_the_etag_so_the_old_one_gets_the_new_image()
    {
        var first = (await (await Upload(_alice, Image.Png(100))).ReadJsonAsync(HttpStatusCode.OK))["etag"]!.GetValue<string>();
        var second = (await (await Upload(_alice, Image.Gif(100))).ReadJsonAsync(HttpStatusCode.OK))["etag"]!.GetValue<string>();

        second.ShouldNotBe(first);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/users/{_alice.UserId}/avatar");
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(first));
        var response = await _app.CreateClient().SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("image/gif");
    }

    [Test]
    public async Task Text_under_a_png_name_and_type_is_an_unsupported_media_type_and_changes_nothing()
    {
        await Upload(_alice, Image.Png(32));
        var text = Encoding.UTF8.GetBytes("this is not a picture, whatever its name says");

        await (await Upload(_alice, text, fileName: "avatar.png", declaredType: "image/png"))
            .ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");

        (await (await _alice.Http.GetAsync($"/api/users/{_alice.UserId}/avatar")).Content.ReadAsByteArrayAsync()).ShouldBe(Image.Png(32));
    }

    [Test]
    public async Task Exactly_one_mebibyte_is_accepted()
    {
        var info = await (await Upload(_alice, Image.Png(MiB))).ReadJsonAsync(HttpStatusCode.OK);

        info["size"]!.GetValue<int>().ShouldBe(MiB);
    }

    [Test]
    public async Task One_byte_over_a_mebibyte_is_too_large_and_changes_nothing()
    {
        await (await Upload(_alice, Image.Png(MiB + 1))).ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "too_large");

        (await (await _alice.Http.GetAsync($"/api/users/{_alice.UserId}/avatar")).Content.ReadAsByteArrayAsync())
            .ShouldBe(DefaultAvatar.File.Content.ToArray());
    }

    [Test]
    public async Task A_far_larger_body_is_refused_with_413_before_it_is_read()
    {
        await (await Upload(_alice, Image.Png(3 * MiB))).ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "too_large");
    }

    [Test]
    public async Task A_form_without_the_file_field_is_a_validation_problem_on_file()
    {
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Image.Png(32)), "picture", "avatar.png");

        var problem = await (await _alice.Http.PutAsync("/api/users/me/avatar", form)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");

        problem["errors"]!["file"]!.AsArray().Count.ShouldBeGreaterThan(0);
    }

    [Test]
    public async Task An_empty_file_is_a_validation_problem_on_file()
    {
        var problem = await (await Upload(_alice, [])).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");

        problem["errors"]!["file"]!.AsArray().Count.ShouldBeGreaterThan(0);
    }

    [Test]
    public async Task A_body_that_is_not_a_form_is_an_unsupported_media_type()
    {
        var response = await _alice.Http.PutAsJsonAsync("/api/users/me/avatar", new { file = "iVBORw0KGgo=" });

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [TestCase("garbage with no boundary at all", TestName = "A multipart body without its boundary is a 400")]
    [TestCase("--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\n\u0089PNG", TestName = "A multipart body cut short is a 400")]
    public async Task A_malformed_multipart_body_is_a_validation_problem_never_a_500(string body)
    {
        var content = new StringContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=xyz");

        await (await _alice.Http.PutAsync("/api/users/me/avatar", content)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
    }

    [Test]
    public async Task Removing_the_avatar_brings_back_the_default_and_removing_again_is_harmless()
    {
        await Upload(_alice, Image.Jpeg(32));

        (await _alice.Http.DeleteAsync("/api/users/me/avatar")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await _alice.Http.DeleteAsync("/api/users/me/avatar")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var response = await _app.CreateClient().GetAsync($"/api/users/{_alice.UserId}/avatar");
        response.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
        (await response.Content.ReadAsByteArrayAsync()).ShouldBe(DefaultAvatar.File.Content.ToArray());
    }

    [Test]
    public async Task The_caller_can_read_their_own_avatar_at_me()
    {
        await Upload(_alice, Image.WebP(32));

        var response = await _alice.Http.GetAsync("/api/users/me/avatar");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("image/webp");
    }

    [Test]
    public async Task Each_user_has_their_own_avatar()
    {
        var bob = await ApiClient.LoginAsync(_app, "bob");
        await Upload(_alice, Image.Gif(32));

        var response = await _app.CreateClient().GetAsync($"/api/users/{bob.UserId}/avatar");

        (await response.Content.ReadAsByteArrayAsync()).ShouldBe(DefaultAvatar.File.Content.ToArray());
    }

    [Test]
    public async Task An_unknown_user_has_no_avatar()
    {
        await (await _app.CreateClient().GetAsync($"/api/users/{Guid.NewGuid()}/avatar")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "user.not_found");
    }

    [Test]
    public async Task A_malformed_id_is_a_validation_problem()
    {
        await (await _app.CreateClient().GetAsync("/api/users/not-a-uuid/avatar")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
    }

    [Test]
    public async Task Uploading_removing_and_reading_ones_own_need_a_token()
    {
        var anonymous = _app.CreateClient();
        using var form = Form(Image.Png(32), "avatar.png", "image/png");

        await (await anonymous.PutAsync("/api/users/me/avatar", form)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.required");
        await (await anonymous.DeleteAsync("/api/users/me/avatar")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.required");
        await (await anonymous.GetAsync("/api/users/me/avatar")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.required");
    }

    private static async Task<HttpResponseMessage> Upload(ApiClient client, byte[] content, string fileName = "avatar.png", string declaredType = "image/png")
    {
        using var form = Form(content, fileName, declaredType);
        return await client.Http.PutAsync("/api/users/me/avatar", form);
    }

    private static MultipartFormDataContent Form(byte[] content, string fileName, string declaredType)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(declaredType);
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    /// <summary>Bytes that start as each format does, padded to a size; the store judges by the start only.</summary>
    private static class Image
    {
        public static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

        public static byte[] Png(int size) => Padded(PngSignature, size);

        public static byte[] Jpeg(int size) => Padded([0xFF, 0xD8, 0xFF, 0xE0], size);

        public static byte[] Gif(int size) => Padded("GIF89a"u8.ToArray(), size);

        public static byte[] WebP(int size) => Padded("RIFF\0\0\0\0WEBPVP8 "u8.ToArray(), size);

        private static byte[] Padded(byte[] start, int size)
        {
            var bytes = new byte[size];
            start.CopyTo(bytes, 0);
            for (var i = start.Length; i < size; i++)
            {
                bytes[i] = (byte)(i * 31);
            }

            return bytes;
        }
    }
}
