using System.Net;
using System.Net.Http.Headers;
using FastVlm.DocPipeline.Contracts;
using FastVlm.DocPipeline.Contracts.Events;
using FastVlm.DocPipeline.Storage.Files;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastVlm.DocPipeline.Events.Webhooks;

/// <summary>
/// Posts completion events to a webhook, never losing one: each event is first written to the spool directory,
/// then every spooled event is posted oldest first, with bounded retries and exponential backoff, and its file
/// deleted once the webhook answered 2xx. A webhook that is down leaves the events spooled; the next
/// <see cref="PublishAsync"/> or <see cref="DeliverPendingAsync"/> (hosts call it at start) sends them. A 4xx
/// other than 408/429 is the webhook refusing that event: its file moves to <c>rejected/</c> and the rest go on.
/// </summary>
public sealed class WebhookCompletionPublisher : ICompletionEventPublisher, IDisposable
{
    private const string RejectedFolder = "rejected";

    private readonly WebhookPublisherOptions _options;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _delivery = new(1, 1);

    public WebhookCompletionPublisher(WebhookPublisherOptions options, HttpClient? httpClient = null, ILogger<WebhookCompletionPublisher>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Endpoint.IsAbsoluteUri || options.Endpoint.Scheme is not ("http" or "https"))
        {
            throw new DocPipelineException(EventErrorCodes.InvalidSettings, $"The webhook {options.Endpoint} is not an absolute http(s) URL; give one like https://host/path.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(options.SpoolDirectory);
        _options = options;
        _ownsHttp = httpClient is null;
        _http = httpClient ?? new HttpClient();
        _logger = logger ?? NullLogger<WebhookCompletionPublisher>.Instance;
    }

    /// <summary>Events spooled and not yet delivered.</summary>
    public int PendingCount => Pending().Length;

    /// <summary>Spools the event, then delivers what is spooled. Delivery failures are logged and left spooled, never thrown.</summary>
    public async Task PublishAsync(DocumentCompletionEvent completion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(completion);
        var body = CompletionCloudEvent.ToJson(completion, _options.Source);
        var suffix = $"-{completion.EventId}.json";
        if (!Pending().Any(p => p.EndsWith(suffix, StringComparison.Ordinal)))
        {
            var name = $"{_options.TimeProvider.GetUtcNow().UtcDateTime:yyyyMMdd'T'HHmmssfffffff}{suffix}";
            try
            {
                await AtomicFile.WriteAsync(Path.Combine(_options.SpoolDirectory, name), body, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new DocPipelineException(
                    EventErrorCodes.SpoolFailed,
                    $"Could not spool the completion event of document {completion.DocumentId} in {_options.SpoolDirectory} ({e.Message}); free disk space or fix the folder's permissions.",
                    e);
            }
        }

        await DeliverPendingAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Posts the spooled events oldest first; stops at the first one the webhook did not take after its retries.</summary>
    public async Task<WebhookDeliveryResult> DeliverPendingAsync(CancellationToken cancellationToken = default)
    {
        await _delivery.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            int delivered = 0, rejected = 0;
            foreach (var file in Pending())
            {
                byte[] body;
                try
                {
                    body = await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
                }
                catch (FileNotFoundException)
                {
                    continue;
                }

                switch (await PostWithRetriesAsync(body, Path.GetFileName(file), cancellationToken).ConfigureAwait(false))
                {
                    case Delivery.Delivered:
                        File.Delete(file);
                        delivered++;
                        break;
                    case Delivery.Rejected:
                        var folder = Directory.CreateDirectory(Path.Combine(_options.SpoolDirectory, RejectedFolder));
                        File.Move(file, Path.Combine(folder.FullName, Path.GetFileName(file)), overwrite: true);
                        rejected++;
                        break;
                    default:
                        return new WebhookDeliveryResult(delivered, rejected, Pending().Length);
                }
            }

            return new WebhookDeliveryResult(delivered, rejected, 0);
        }
        finally
        {
            _delivery.Release();
        }
    }

    public void Dispose()
    {
        _delivery.Dispose();
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private string[] Pending() =>
        Directory.Exists(_options.SpoolDirectory)
            ? Directory.GetFiles(_options.SpoolDirectory, "*.json").Order(StringComparer.Ordinal).ToArray()
            : [];

    private async Task<Delivery> PostWithRetriesAsync(byte[] body, string name, CancellationToken cancellationToken)
    {
        var attempts = Math.Max(1, _options.MaxAttempts);
        var delay = _options.FirstRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            string failure;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(_options.RequestTimeout);
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue(CompletionCloudEvent.MediaType) { CharSet = "utf-8" };
                using var response = await _http.PostAsync(_options.Endpoint, content, timeout.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return Delivery.Delivered;
                }

                var status = (int)response.StatusCode;
                if (status is >= 400 and < 500 && response.StatusCode is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests))
                {
                    _logger.LogError("Webhook {Endpoint} rejected event {Event} with {Status}; it is kept in {Folder}.", _options.Endpoint, name, status, RejectedFolder);
                    return Delivery.Rejected;
                }

                failure = $"HTTP {status}";
            }
            catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                failure = e.Message;
            }

            if (attempt >= attempts)
            {
                _logger.LogWarning(
                    "Webhook {Endpoint} did not take event {Event} after {Attempts} attempts ({Failure}); it stays spooled in {Spool} for the next round.",
                    _options.Endpoint, name, attempt, failure, _options.SpoolDirectory);
                return Delivery.Failed;
            }

            await Task.Delay(delay, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(_options.MaxRetryDelay.Ticks, (long)(delay.Ticks * _options.BackoffCoefficient)));
        }
    }

    private enum Delivery
    {
        Delivered,
        Rejected,
        Failed,
    }
}
