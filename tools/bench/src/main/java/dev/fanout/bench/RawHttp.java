package dev.fanout.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A deliberately small HTTP/1.1 client: one keep-alive connection per thread, blocking reads, the request as prepared
 * bytes. It exists because the driver shares two cores with everything it measures: {@code java.net.http.HttpClient}
 * spent about 220 microseconds of CPU per request here (four times what order-service spent answering
 * {@code GET /ping}), so it, not the service, set the HTTP floor. This one spends a small fraction of that.
 * It speaks only what the benchmark needs: GET and POST, {@code Content-Length} or chunked answers.
 */
final class RawHttp {

    /** A request: method, path, extra headers, body (may be empty). */
    record Request(String method, String path, Map<String, String> headers, byte[] body) {

        static Request get(String path) {
            return new Request("GET", path, Map.of(), new byte[0]);
        }

        byte[] encode(String hostHeader) {
            StringBuilder head = new StringBuilder(128 + body.length).append(method).append(' ').append(path)
                    .append(" HTTP/1.1\r\nHost: ").append(hostHeader).append("\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            if (body.length > 0 || method.equals("POST")) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            byte[] h = head.toString().getBytes(StandardCharsets.ISO_8859_1);
            if (body.length == 0) {
                return h;
            }
            byte[] all = new byte[h.length + body.length];
            System.arraycopy(h, 0, all, 0, h.length);
            System.arraycopy(body, 0, all, h.length, body.length);
            return all;
        }
    }

    /** An answer: status, headers by lower-case name, body. */
    record Response(int status, Map<String, String> headers, byte[] body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** One keep-alive connection. Not thread-safe: one thread uses it. */
    static final class Connection implements Closeable {
        private final String host;
        private final int port;
        private final int timeoutMillis;
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        Connection(String host, int port, int timeoutMillis) {
            this.host = host;
            this.port = port;
            this.timeoutMillis = timeoutMillis;
        }

        private void open() throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.connect(new InetSocketAddress(host, port), 5000);
            socket.setSoTimeout(timeoutMillis);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = new BufferedOutputStream(socket.getOutputStream(), 8 * 1024);
        }

        /** Sends one request and reads its answer; on any failure the connection is closed (reopened next time). */
        Response exchange(byte[] request) throws IOException {
            if (socket == null) {
                open();
            }
            try {
                out.write(request);
                out.flush();
                Response response = read(in);
                if ("close".equalsIgnoreCase(response.header("connection"))) {
                    close();
                }
                return response;
            } catch (IOException | RuntimeException e) {
                close();
                throw e;
            }
        }

        @Override
        public void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
            socket = null;
        }
    }

    private RawHttp() {
    }

    /** Reads one HTTP/1.1 response (status line, headers, body by Content-Length or chunks). */
    static Response read(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP response: '" + statusLine + "'");
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        Map<String, String> headers = new HashMap<>();
        String header;
        while (!(header = line(in)).isEmpty()) {
            int colon = header.indexOf(':');
            if (colon > 0) {
                headers.put(header.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        header.substring(colon + 1).strip());
            }
        }
        byte[] body;
        String length = headers.get("content-length");
        if (length != null) {
            body = in.readNBytes(Integer.parseInt(length));
            if (body.length < Integer.parseInt(length)) {
                throw new EOFException("connection closed inside a body");
            }
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream chunks = new ByteArrayOutputStream();
            while (true) {
                String size = line(in);
                int semicolon = size.indexOf(';');
                int n = Integer.parseInt((semicolon >= 0 ? size.substring(0, semicolon) : size).strip(), 16);
                if (n == 0) {
                    while (!line(in).isEmpty()) {
                        // trailers
                    }
                    break;
                }
                byte[] chunk = in.readNBytes(n);
                if (chunk.length < n) {
                    throw new EOFException("connection closed inside a chunk");
                }
                chunks.write(chunk);
                line(in);
            }
            body = chunks.toByteArray();
        } else if (status == 204 || status == 304 || (status >= 100 && status < 200)) {
            body = new byte[0];
        } else {
            body = in.readAllBytes(); // until the server closes
            headers.put("connection", "close");
        }
        return new Response(status, headers, body);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder s = new StringBuilder(64);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                int n = s.length();
                if (n > 0 && s.charAt(n - 1) == '\r') {
                    s.setLength(n - 1);
                }
                return s.toString();
            }
            s.append((char) b);
        }
        if (s.length() == 0) {
            throw new EOFException("connection closed by the server");
        }
        return s.toString();
    }
}
