using System.Net.Sockets;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.Connections.Client;

namespace Zordic.Server.Tests.Fuzz.Harness;

/// <summary>
/// A connection's network stream whose reads can be held: while paused, nothing is taken off the socket,
/// so its receive buffer fills and the server's sends block, as with a client on a stalled network or a
/// frozen tab. (A SignalR handler that blocks is not enough: the .NET client queues incoming invocations
/// without bound on a loop of their own and goes on reading the socket.)
/// </summary>
public sealed class PausableStream(Stream inner) : Stream
{
    volatile TaskCompletionSource _open = Opened();

    static TaskCompletionSource Opened()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }

    public void Pause()
    {
        if (_open.Task.IsCompleted) _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void Resume() => _open.TrySetResult();

    /// <summary>
    /// Sets <paramref name="options"/> to open its WebSocket over a socket with a small receive buffer and a
    /// <see cref="PausableStream"/>, handed to <paramref name="opened"/> for each connection made.
    /// </summary>
    public static void Use(HttpConnectionOptions options, Action<PausableStream> opened, int receiveBuffer = 8 * 1024)
    {
        options.WebSocketFactory = async (context, ct) =>
        {
            var handler = new SocketsHttpHandler
            {
                ConnectCallback = async (c, token) =>
                {
                    var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = receiveBuffer, NoDelay = true };
                    await socket.ConnectAsync(c.DnsEndPoint, token);
                    var stream = new PausableStream(new NetworkStream(socket, ownsSocket: true));
                    opened(stream);
                    return stream;
                },
            };
            var webSocket = new ClientWebSocket();
            await webSocket.ConnectAsync(context.Uri, new HttpMessageInvoker(handler), ct);
            return webSocket;
        };
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await _open.Task.WaitAsync(cancellationToken);
        return await inner.ReadAsync(buffer, cancellationToken);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        _open.Task.Wait();
        return inner.Read(buffer, offset, count);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.WriteAsync(buffer, offset, count, cancellationToken);
    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
    public override void Flush() => inner.Flush();
    public override bool CanRead => true;
    public override bool CanWrite => true;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Resume();
            inner.Dispose();
        }
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        Resume();
        await inner.DisposeAsync();
        await base.DisposeAsync();
    }
}
