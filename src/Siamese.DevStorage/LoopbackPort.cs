using System.Net;
using System.Net.Sockets;

namespace Siamese.DevStorage;

/// <summary>Ports on 127.0.0.1 for local servers (Azurite, test hosts).</summary>
public static class LoopbackPort
{
    /// <summary>A port that is free now.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
