using System.Net.Http.Headers;

namespace Siamese.Development;

/// <summary>The multipart form of POST /api/compare (files image1, image2), for the tests and the benchmarks.</summary>
public static class CompareForms
{
    public static MultipartFormDataContent Pair(byte[] image1, byte[] image2) => Of(("image1", image1), ("image2", image2));

    public static MultipartFormDataContent Of(params (string Name, byte[] Bytes)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, bytes) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(file, name, name + ".png");
        }
        return form;
    }
}
