namespace Transcendence.LoadGenerator.SocketIo;

/// <summary>A socket.io protocol or connection failure: connect refused, connection closed, ping timeout.</summary>
public sealed class SocketIoException : Exception
{
    public SocketIoException()
    {
    }

    public SocketIoException(string message)
        : base(message)
    {
    }

    public SocketIoException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
