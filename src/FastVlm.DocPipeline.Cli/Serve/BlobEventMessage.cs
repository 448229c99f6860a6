using System.Text.Json;

namespace FastVlm.DocPipeline.Cli.Serve;

/// <summary>
/// Reads the blob name out of a queue message: an Event Grid BlobCreated event (subject
/// <c>/blobServices/default/containers/{c}/blobs/{name}</c> or <c>data.url</c>), an array of them, or a plain blob name.
/// </summary>
internal static class BlobEventMessage
{
    /// <summary>
    /// Message bodies arrive Base64-encoded (Functions' convention, Azure SDK clients set to Base64) or as plain
    /// text (Event Grid queue destinations, other tools): decode when the body is Base64 of readable UTF-8 text.
    /// </summary>
    public static string DecodeBody(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var trimmed = body.Trim();
        if (trimmed.Length == 0 || trimmed.Length % 4 != 0)
        {
            return body;
        }

        var bytes = new byte[trimmed.Length];
        if (!Convert.TryFromBase64String(trimmed, bytes, out var length))
        {
            return body;
        }

        try
        {
            var text = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 0, length);
            return text.Any(c => char.IsControl(c) && c is not ('\r' or '\n' or '\t')) ? body : text;
        }
        catch (System.Text.DecoderFallbackException)
        {
            return body;
        }
    }

    public static string? ReadBlobName(string message, string container)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = message.Trim();
        if (text.Length == 0)
        {
            return null;
        }

        if (text[0] is not ('{' or '['))
        {
            return text;
        }

        try
        {
            using var json = JsonDocument.Parse(text);
            var root = json.RootElement.ValueKind == JsonValueKind.Array && json.RootElement.GetArrayLength() > 0
                ? json.RootElement[0]
                : json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var subjectPrefix = $"/blobServices/default/containers/{container}/blobs/";
            if (root.TryGetProperty("subject", out var subject) && subject.GetString() is { } s
                && s.StartsWith(subjectPrefix, StringComparison.Ordinal))
            {
                return s[subjectPrefix.Length..];
            }

            if (root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                && data.TryGetProperty("url", out var url) && Uri.TryCreate(url.GetString(), UriKind.Absolute, out var uri))
            {
                var path = Uri.UnescapeDataString(uri.AbsolutePath);
                var marker = $"/{container}/";
                var at = path.IndexOf(marker, StringComparison.Ordinal);
                return at < 0 ? null : path[(at + marker.Length)..];
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
