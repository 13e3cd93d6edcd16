using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Wippy.Host.Tests.Support;

/// <summary>
/// A real HTTP server on 127.0.0.1 (a free port) for guests to call: <c>/hello</c> (text and a header),
/// <c>/echo</c> (the request body back, and its <c>x-wippy</c> header as <c>x-echo</c>), <c>/slow?ms=N</c> (answers
/// after N ms, or when the server stops), <c>/drip?ms=N</c> (headers and "first " at once, "last" N ms later: a body
/// the guest waits for in the middle), <c>/big?n=N</c> (N bytes of 'a'), <c>/truncated</c> (10 of the 100 bytes it promises, then the connection
/// drops), <c>/status/N</c> (an empty answer with
/// that status). Counts the requests it finished answering.
/// </summary>
internal sealed class LocalHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _answered;
    private int _slowWaiting;
    private int _mostSlowWaiting;

    /// <summary>The most <c>/slow</c> requests that were waiting at the same time.</summary>
    public int MostSlowWaiting => Volatile.Read(ref _mostSlowWaiting);

    public LocalHttpServer()
    {
        // HttpListener takes a prefix, not port 0: take a free port from the kernel, then listen on it (retried if
        // another process takes it between the two).
        for (var attempt = 0; ; attempt++)
        {
            Port = FreePort();
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            try
            {
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
            }
        }
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>The port it listens on.</summary>
    public int Port { get; }

    /// <summary><c>127.0.0.1:port</c>, the authority to send requests to.</summary>
    public string Authority => $"127.0.0.1:{Port}";

    /// <summary>How many requests it answered to the end.</summary>
    public int Answered => Volatile.Read(ref _answered);

    /// <summary>A port nothing listens on (connections to it are refused).</summary>
    public static int ClosedPort() => FreePort();

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        try
        {
            var path = request.Url!.AbsolutePath;
            switch (path)
            {
                case "/hello":
                    response.Headers["x-test"] = "yes";
                    await WriteAsync(response, "text/plain", Encoding.UTF8.GetBytes("hello from the host"));
                    break;
                case "/echo":
                    using (var body = new MemoryStream())
                    {
                        await request.InputStream.CopyToAsync(body);
                        response.Headers["x-echo"] = request.Headers["x-wippy"] ?? "(none)";
                        response.Headers["x-method"] = request.HttpMethod;
                        await WriteAsync(response, request.ContentType ?? "application/octet-stream", body.ToArray());
                    }
                    break;
                case "/slow":
                    var waiting = Interlocked.Increment(ref _slowWaiting);
                    for (var most = Volatile.Read(ref _mostSlowWaiting); waiting > most; most = Volatile.Read(ref _mostSlowWaiting))
                    {
                        if (Interlocked.CompareExchange(ref _mostSlowWaiting, waiting, most) == most) break;
                    }
                    try
                    {
                        await Task.Delay(int.Parse(request.QueryString["ms"]!), _stop.Token);
                    }
                    catch (OperationCanceledException)
                    {
                    }
                    finally
                    {
                        Interlocked.Decrement(ref _slowWaiting);
                    }
                    await WriteAsync(response, "text/plain", Encoding.UTF8.GetBytes("late"));
                    break;
                case "/drip":
                    response.ContentType = "text/plain";
                    response.ContentLength64 = "first last".Length;
                    await response.OutputStream.WriteAsync("first "u8.ToArray());
                    await response.OutputStream.FlushAsync();
                    try
                    {
                        await Task.Delay(int.Parse(request.QueryString["ms"]!), _stop.Token);
                    }
                    catch (OperationCanceledException)
                    {
                    }
                    await response.OutputStream.WriteAsync("last"u8.ToArray());
                    response.Close();
                    break;
                case "/truncated":
                    // Promises 100 bytes, sends 10, and drops the connection.
                    response.ContentType = "text/plain";
                    response.ContentLength64 = 100;
                    await response.OutputStream.WriteAsync("0123456789"u8.ToArray());
                    await response.OutputStream.FlushAsync();
                    response.Abort();
                    break;
                case "/big":
                    await WriteAsync(response, "text/plain", Enumerable.Repeat((byte)'a', int.Parse(request.QueryString["n"]!)).ToArray());
                    break;
                default:
                    response.StatusCode = path.StartsWith("/status/", StringComparison.Ordinal) ? int.Parse(path["/status/".Length..]) : 404;
                    response.ContentLength64 = 0;
                    response.Close();
                    break;
            }
            Interlocked.Increment(ref _answered);
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
        catch (HttpListenerException)
        {
            // the client went away
        }
    }

    private static async Task WriteAsync(HttpListenerResponse response, string contentType, byte[] body)
    {
        response.ContentType = contentType;
        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body);
        response.Close();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
        }
        _stop.Dispose();
    }
}
