using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace FastVlm.DocPipeline.Tests.TestSupport;

/// <summary>
/// A real HTTP server on 127.0.0.1 that records every request (path, headers, body) and answers with
/// <see cref="StatusCode"/>. <see cref="FreePort"/> picks a port with nothing listening on it, so a client can be
/// pointed at it before the server is started (a webhook that is down).
/// </summary>
internal sealed class RecordingHttpListener : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    private RecordingHttpListener(int port)
    {
        Port = port;
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public sealed record Request(string Method, string Path, string? ContentType, byte[] Body, HttpStatusCode AnsweredWith);

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    /// <summary>The status of every request once <see cref="Responses"/> is empty.</summary>
    public HttpStatusCode StatusCode { get; set; } = HttpStatusCode.OK;

    /// <summary>Statuses answered first, one per request, in order.</summary>
    public ConcurrentQueue<HttpStatusCode> Responses { get; } = new();

    public ConcurrentQueue<Request> Requests { get; } = new();

    public static RecordingHttpListener Start(int? port = null) => new(port ?? FreePort());

    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var status = Responses.TryDequeue(out var next) ? next : StatusCode;
            Requests.Enqueue(new Request(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, context.Request.ContentType, body.ToArray(), status));
            context.Response.StatusCode = (int)status;
            context.Response.Close();
        }
    }
}
