// The signer as a standalone HTTP server: SignatureEndpoint on the JDK's com.sun.net.httpserver. Standard library only.
//   ZOOM_MEETING_SDK_KEY=… ZOOM_MEETING_SDK_SECRET=… PORT=8897 signers/java/run.sh

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;

public final class SignatureServer {
    private SignatureServer() {}

    public static void main(String[] args) throws IOException {
        String host = System.getenv().getOrDefault("HOST", "127.0.0.1");
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8897"));
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.createContext("/", SignatureServer::serve);
        server.setExecutor(Executors.newFixedThreadPool(4));
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
        } catch (RuntimeException | IOException failure) {
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
