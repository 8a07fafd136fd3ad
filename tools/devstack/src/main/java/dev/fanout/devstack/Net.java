package dev.fanout.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Small network probes: is a port open, is a service ready, speak two Redis commands. */
public final class Net {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private Net() {
    }

    public static boolean isOpen(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static int httpStatus(String url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Polls until {@code condition} holds; false when {@code timeout} passed first. */
    public static boolean await(BooleanSupplier condition, Duration timeout, Duration every) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }

    /** {@code SELECT db} + {@code FLUSHDB} over RESP: empties one Redis database and nothing else. */
    public static void flushRedisDatabase(String host, int port, int database) {
        String select = Integer.toString(database);
        String command = "*2\r\n$6\r\nSELECT\r\n$" + select.length() + "\r\n" + select + "\r\n"
                + "*1\r\n$7\r\nFLUSHDB\r\n";
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(command.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String replies = readLines(in, 2);
            if (!replies.equals("+OK\r\n+OK\r\n")) {
                throw new IllegalStateException("Redis did not flush database " + database + ": " + replies.strip());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach Redis at " + host + ":" + port + ": " + e.getMessage());
        }
    }

    private static String readLines(InputStream in, int lines) throws IOException {
        StringBuilder text = new StringBuilder();
        int seen = 0;
        while (seen < lines) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            text.append((char) b);
            if (b == '\n') {
                seen++;
            }
        }
        return text.toString();
    }
}
