package dev.engram.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * DNS rebinding at the TCP level, for a browser test: the attacker's name first reaches the attacker
 * (here: {@code GET /} gets the attack page), then reaches the victim (every other connection is piped
 * byte for byte to the local API). The browser sees one origin throughout, so it sends the page's
 * requests as same-origin ones, with the attacker's name in {@code Host}: exactly what the local API
 * receives in a real rebinding attack.
 */
final class RebindingFront implements AutoCloseable {
    private static final int TIMEOUT_MS = 15_000;

    private final ServerSocket server;
    private final int victimPort;
    private final byte[] page;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    RebindingFront(int victimPort, String page) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.victimPort = victimPort;
        this.page = page.getBytes(StandardCharsets.UTF_8);
        threads.execute(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                threads.execute(() -> serve(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            client.setSoTimeout(TIMEOUT_MS);
            byte[] head = readHead(client.getInputStream());
            String requestLine = new String(head, StandardCharsets.ISO_8859_1).lines().findFirst().orElse("");
            if (requestLine.startsWith("GET / ")) {
                OutputStream out = client.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " + page.length
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(page);
                out.flush();
                return;
            }
            try (Socket victim = new Socket()) {
                victim.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), victimPort), TIMEOUT_MS);
                victim.setSoTimeout(TIMEOUT_MS);
                victim.getOutputStream().write(head);
                threads.execute(() -> pipe(client, victim));
                pipe(victim, client);
            }
        } catch (IOException ignored) {
            // the browser or the server hung up: this connection is over
        }
    }

    private static void pipe(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException ignored) {
            // one side closed
        }
    }

    /** The request head up to and including the blank line; what follows stays in the stream. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4 && head.size() < 64 * 1024) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toByteArray();
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
