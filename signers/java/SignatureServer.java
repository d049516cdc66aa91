// The signer as a standalone HTTP server: SignatureEndpoint on the JDK's com.sun.net.httpserver. Standard library only.
//   ZOOM_MEETING_SDK_KEY=… ZOOM_MEETING_SDK_SECRET=… PORT=8897 signers/java/run.sh

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

public final class SignatureServer {
    /** Requests read at once: each holds a thread while its headers and body arrive. */
    static final int MAX_THREADS = 256;

    private SignatureServer() {}

    public static void main(String[] args) throws IOException {
        // Read deadlines, set before the JDK's HttpServer reads its configuration (a -D on the command line wins): a
        // request, headers and body, must arrive within 10 s and its answer be taken within 10 s, or the connection
        // is closed (checked every second). Without them a client that stops mid-request holds its thread forever.
        System.getProperties().putIfAbsent("sun.net.httpserver.maxReqTime", "10");
        System.getProperties().putIfAbsent("sun.net.httpserver.maxRspTime", "10");
        String host = System.getenv().getOrDefault("HOST", "127.0.0.1");
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8897"));
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.createContext("/", SignatureServer::serve);
        // A thread per request being read, started as needed and ended after a minute idle: stalled clients cannot
        // starve the others the way they did a fixed pool of 4. Past MAX_THREADS the HttpServer closes new connections
        // (the pool refuses them) rather than queueing them behind stalled ones, until the deadline frees threads.
        server.setExecutor(new ThreadPoolExecutor(0, MAX_THREADS, 60, TimeUnit.SECONDS, new SynchronousQueue<>()));
        server.start();
    }

    /** Every method and path reaches SignatureEndpoint.handle. */
    static void serve(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        SignatureEndpoint.Reply reply;
        try {
            reply = SignatureEndpoint.handle(
                method,
                exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Origin"),
                exchange.getRequestHeaders().getFirst("Host"),
                exchange.getRequestHeaders().getFirst("Content-Type"),
                length != null && length.matches("[0-9]{1,18}") ? Long.valueOf(length) : null,
                limit -> exchange.getRequestBody().readNBytes(limit + 1));
        } catch (IOException bodyNotSent) {
            exchange.close(); // the body never came whole (past the deadline, or the client left): nothing to answer
            return;
        } catch (RuntimeException failure) {
            System.err.println("signer: " + failure.getClass().getName()); // no message: it could hold request data
            reply = SignatureEndpoint.error(500, "internal_error", "The signer failed; see its log.");
        }
        for (Map.Entry<String, String> header : reply.headers().entrySet()) {
            exchange.getResponseHeaders().set(header.getKey(), header.getValue());
        }
        byte[] body = reply.body() == null ? null : reply.body().getBytes(StandardCharsets.UTF_8);
        boolean empty = body == null || method.equals("HEAD");
        exchange.sendResponseHeaders(reply.status(), empty ? -1 : body.length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }
}
