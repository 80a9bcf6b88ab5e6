package io.joule.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A plain TCP proxy on loopback for fault injection: {@link #cut()} closes the listener and every open connection
 * (clients then see "connection refused" and lost connections, as when the database stops), {@link #freeze()} holds
 * every byte with the connections open (a server that answers nothing), {@link #restore()}
 * listens again on the same port.
 */
public final class FaultProxy implements AutoCloseable {
    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;
    private volatile boolean frozen;
    private volatile int port;

    public FaultProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
    }

    /** Starts listening on a free port (first time) or the same port (after a cut). */
    public synchronized FaultProxy restore() {
        if (listener != null) {
            return this;
        }
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            port = server.getLocalPort();
            listener = server;
            Thread acceptor = new Thread(() -> accept(server), "fault-proxy-accept");
            acceptor.setDaemon(true);
            acceptor.start();
            return this;
        } catch (IOException e) {
            throw new IllegalStateException("The fault proxy cannot listen on " + port, e);
        }
    }

    /** Refuses new connections and drops every open one. */
    public synchronized void cut() {
        ServerSocket server = listener;
        listener = null;
        closeQuietly(server);
        open.forEach(FaultProxy::closeQuietly);
        open.clear();
    }

    /** Holds every byte in either direction, connections staying open: a server that has stopped answering. */
    public void freeze() {
        frozen = true;
    }

    /** Lets the held bytes, and all after them, through again. */
    public void thaw() {
        frozen = false;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        cut();
    }

    private void accept(ServerSocket server) {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // cut
            }
            try {
                Socket upstream = new Socket(targetHost, targetPort);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                open.add(client);
                open.add(upstream);
                if (listener != server) { // cut while connecting
                    closeQuietly(client);
                    closeQuietly(upstream);
                    continue;
                }
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    while (frozen) {
                        Thread.sleep(5);
                    }
                    out.write(buffer, 0, n);
                }
            } catch (IOException | InterruptedException e) {
                // a cut or a close on either side ends both directions below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "fault-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                // already closed
            }
        }
    }
}
