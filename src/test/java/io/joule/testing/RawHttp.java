package io.joule.testing;

import io.restassured.RestAssured;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Requests a client library will not send, such as headers announcing a body that never comes. */
public final class RawHttp {
    private RawHttp() {
    }

    /** Announces a body of {@code length} bytes, sends none, and answers what the server says first. */
    public static String postHeadersOnly(String path, String contentType, long length, String key) throws Exception {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + key
                    + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            int n = in.read(buffer);
            return n <= 0 ? "" : new String(buffer, 0, n, StandardCharsets.UTF_8);
        }
    }
    /**
     * Sends {@code body} repeated until {@code total} bytes, chunked (no Content-Length), and answers the status line and
     * body the server sends; stops sending once the server has answered or closed.
     */
    public static String postChunked(String path, String contentType, byte[] body, long total, String key) throws Exception {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + key
                    + "\r\nContent-Type: " + contentType + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            long sent = 0;
            try {
                while (sent < total && in.available() == 0) {
                    int n = (int) Math.min(body.length, total - sent);
                    out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body, 0, n);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    sent += n;
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (java.io.IOException closedByServer) {
                // The server answered and closed while we were still sending: read what it said.
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
    /** Sends {@code head} (request line and headers, without the blank line), a blank line and {@code body}; answers all. */
    public static String exchange(String head, byte[] body) throws Exception {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Opens a connection that sends headers and the first part of a {@code length}-byte body, then stalls. */
    public static Socket stall(String path, String contentType, long length, String key, byte[] part) throws Exception {
        Socket socket = new Socket("localhost", RestAssured.port);
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + key
                + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(part);
        out.flush();
        return socket;
    }
}
