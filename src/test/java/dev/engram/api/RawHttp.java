package dev.engram.api;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, so a test can send any Host, Origin or Content-Type (the JDK client
 * refuses to set Host). One request per connection ({@code Connection: close}); every wait is bounded.
 */
record RawHttp(int status, Map<String, String> headers, String body) {
    private static final int TIMEOUT_MS = 10_000;

    /**
     * Sends {@code head} (request line and headers, CRLF-separated, without the blank line; a
     * Content-Length and Connection: close are added) and {@code body} to 127.0.0.1:{@code port}.
     */
    static RawHttp send(int port, String head, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder(head.strip()).append("\r\n");
        if (body != null) {
            request.append("Content-Length: ").append(bytes.length).append("\r\n");
        }
        request.append("Connection: close\r\n\r\n");
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
            s.setSoTimeout(TIMEOUT_MS);
            OutputStream out = s.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.flush();
            return parse(s.getInputStream().readAllBytes());
        }
    }

    /** {@code METHOD path} with {@code Host: host} and any further header lines. */
    static RawHttp send(int port, String method, String path, String host, String body, String... headers) throws IOException {
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
        if (host != null) {
            head.append("Host: ").append(host).append("\r\n");
        }
        for (String h : headers) {
            head.append(h).append("\r\n");
        }
        return send(port, head.toString(), body);
    }

    private static RawHttp parse(byte[] raw) throws IOException {
        // ISO-8859-1 maps bytes one to one: chunk sizes count bytes; the body is decoded as UTF-8 at the end.
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("no complete HTTP response: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.merge(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip(),
                    (a, b) -> a + ", " + b);
        }
        String body = text.substring(end + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new RawHttp(status, headers, new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }

    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        String rest = chunked;
        while (true) {
            int nl = rest.indexOf("\r\n");
            int size = Integer.parseInt(rest.substring(0, nl).split(";")[0].strip(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(rest, nl + 2, nl + 2 + size);
            rest = rest.substring(nl + 2 + size + 2);
        }
    }
}
