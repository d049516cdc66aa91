// POST /api/signature, the same contract as this repository's Netlify function (README, "API"): same validation,
// status codes, JSON errors and headers, free of any web framework (SignatureServer.java serves it with the JDK's
// HttpServer; a Spring controller can call handle() too). Standard library only, JSON parser included.

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public final class SignatureEndpoint {
    public static final String PATH = "/api/signature";
    static final int MAX_REQUEST_BYTES = 4096;
    static final long MIN_EXPIRATION_SECONDS = MeetingSdkSignature.MIN_EXPIRATION_SECONDS;
    static final long MAX_EXPIRATION_SECONDS = MeetingSdkSignature.MAX_EXPIRATION_SECONDS;
    static final double MAX_SAFE_INTEGER = 9007199254740991d;
    static final List<String> FIELDS = List.of("meetingNumber", "role", "expirationSeconds", "videoWebRtcMode");
    // JavaScript's \s plus the dash: invites show "978-759-818" or "978 759 818", Zoom wants the digits.
    static final Pattern SEPARATORS = Pattern.compile("[" + MeetingSdkSignature.WHITESPACE + "-]");
    static final Pattern ORIGIN_SEPARATORS = Pattern.compile("[" + MeetingSdkSignature.WHITESPACE + ",]+");
    /** An origin as browsers send it: lower case, no path. Listed ones are compared as exact strings. */
    static final Pattern ORIGIN = Pattern.compile("https?://([a-z0-9-]+(\\.[a-z0-9-]+)*|\\[[0-9a-f:.]+\\])(:[0-9]{1,5})?");
    static final String ORIGINS_INVALID = "ALLOWED_ORIGINS is not valid: list exact origins (scheme://host or scheme://host:port, no path), "
        + "separated by commas.";
    static final String MEETINGS_INVALID = "ZOOM_ALLOWED_MEETINGS is not valid: list meeting numbers of 9 to 11 digits (spaces and dashes are "
        + "ignored), separated by commas.";
    static final String TOO_SHORT = "must be at least 1800 (30 minutes)";
    static final String TOO_LONG = "must be at most 172800 (48 hours)";
    static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** Stands for "the client did not send this field" (JSON null is Java null). */
    private static final Object MISSING = new Object();

    /** An answer; body null for none. */
    public record Reply(int status, Map<String, String> headers, String body) {}

    /** The settings, checked: origins and meetings empty when not set. */
    record Settings(List<String> origins, List<String> meetings, long maxExpirationSeconds) {}

    /** Reads at most limit + 1 bytes of the request body. */
    @FunctionalInterface
    public interface BodyReader {
        byte[] read(int limit) throws IOException;
    }

    private SignatureEndpoint() {}

    static Reply json(int status, String body, Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json; charset=utf-8");
        headers.put("x-content-type-options", "nosniff");
        // A signature is per meeting and per moment: no cache may keep or share one.
        headers.put("cache-control", "no-store");
        headers.putAll(extra);
        return new Reply(status, headers, body);
    }

    static Reply error(int status, String code, String message, Map<String, List<String>> fields, Map<String, String> headers) {
        StringBuilder body = new StringBuilder("{\"error\":{\"code\":").append(MeetingSdkSignature.json(code))
            .append(",\"message\":").append(MeetingSdkSignature.json(message));
        if (fields != null) {
            body.append(",\"fields\":{");
            String separator = "";
            for (Map.Entry<String, List<String>> field : fields.entrySet()) {
                body.append(separator).append(MeetingSdkSignature.json(field.getKey())).append(":[");
                String comma = "";
                for (String text : field.getValue()) {
                    body.append(comma).append(MeetingSdkSignature.json(text));
                    comma = ",";
                }
                body.append(']');
                separator = ",";
            }
            body.append('}');
        }
        return json(status, body.append("}}").toString(), headers);
    }

    static Reply error(int status, String code, String message) {
        return error(status, code, message, null, Map.of());
    }

    static String normaliseMeetingNumber(String value) {
        return SEPARATORS.matcher(value).replaceAll("");
    }

    /**
     * Every setting, checked in this order before anything else: a malformed one throws SettingException, so the signer
     * refuses every request rather than guessing what was meant (a space-separated list of meetings, a typo).
     */
    static Settings settings() {
        List<String> origins = new ArrayList<>();
        for (String item : ORIGIN_SEPARATORS.split(MeetingSdkSignature.env("ALLOWED_ORIGINS"))) {
            if (item.isEmpty()) continue;
            if (!ORIGIN.matcher(item).matches()) throw new MeetingSdkSignature.SettingException(ORIGINS_INVALID);
            origins.add(item);
        }
        List<String> meetings = new ArrayList<>();
        // Only commas and lines separate meetings: "978 759 818" is one meeting, as invites write it.
        for (String item : MeetingSdkSignature.env("ZOOM_ALLOWED_MEETINGS").split("[,\\r\\n]")) {
            String meeting = normaliseMeetingNumber(item);
            if (meeting.isEmpty()) continue;
            if (!meeting.matches("[0-9]{9,11}")) throw new MeetingSdkSignature.SettingException(MEETINGS_INVALID);
            meetings.add(meeting);
        }
        return new Settings(origins, meetings, MeetingSdkSignature.maxExpirationSeconds());
    }

    /** The whole request → answer. */
    public static Reply handle(String method, String path, String origin, String host, String contentType, Long contentLength,
                               BodyReader readBody) throws IOException {
        if (!PATH.equals(path)) return error(404, "not_found", "This server only answers " + PATH + ".");
        Settings settings;
        try {
            settings = settings();
        } catch (MeetingSdkSignature.SettingException malformed) {
            return error(503, "setting_invalid", malformed.getMessage());
        }
        Map<String, String> cors = new LinkedHashMap<>();
        // Same-origin and server-to-server calls need no CORS; other sites only when listed exactly.
        if (origin != null && !origin.isEmpty() && !origin.equals("http://" + host) && !settings.origins().isEmpty()) {
            if (!settings.origins().contains(origin)) {
                return error(403, "origin_not_allowed", "Pages on " + origin + " may not use this signer (see ALLOWED_ORIGINS).");
            }
            cors.put("access-control-allow-origin", origin);
            cors.put("vary", "Origin");
            if (method.equals("OPTIONS")) {
                Map<String, String> headers = new LinkedHashMap<>(cors);
                headers.put("access-control-allow-methods", "POST");
                headers.put("access-control-allow-headers", "content-type");
                headers.put("access-control-max-age", "600");
                return new Reply(204, headers, null);
            }
        }
        Reply reply = sign(settings, method, contentType, contentLength, readBody);
        reply.headers().putAll(cors);
        return reply;
    }

    static Reply sign(Settings settings, String method, String contentType, Long contentLength, BodyReader readBody) throws IOException {
        if (!method.equals("POST")) return error(405, "method_not_allowed", "Use POST.", null, Map.of("allow", "POST"));
        String key = MeetingSdkSignature.env("ZOOM_MEETING_SDK_KEY");
        String secret = MeetingSdkSignature.env("ZOOM_MEETING_SDK_SECRET");
        List<String> missing = new ArrayList<>();
        if (key.isEmpty()) missing.add("ZOOM_MEETING_SDK_KEY");
        if (secret.isEmpty()) missing.add("ZOOM_MEETING_SDK_SECRET");
        if (!missing.isEmpty()) {
            return error(503, "signer_not_configured", "The signer is not configured: set " + String.join(" and ", missing)
                + " (your Meeting SDK app's Client ID and Client Secret from the Zoom App Marketplace) in this server's environment.");
        }
        String mediaType = contentType == null ? "" : contentType.split(";", -1)[0].strip().toLowerCase();
        if (!mediaType.equals("application/json")) {
            return error(415, "unsupported_media_type", "Send the request body as JSON with \"Content-Type: application/json\".");
        }
        Reply tooLarge = error(413, "payload_too_large", "The request body must be at most " + MAX_REQUEST_BYTES + " bytes.");
        if (contentLength != null && contentLength > MAX_REQUEST_BYTES) return tooLarge;
        byte[] raw = readBody.read(MAX_REQUEST_BYTES);
        if (raw.length > MAX_REQUEST_BYTES) return tooLarge;
        String text = new String(raw, StandardCharsets.UTF_8); // bad UTF-8 becomes U+FFFD, as in TextDecoder
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        Object body;
        try {
            body = Json.parse(text);
        } catch (IllegalArgumentException | StackOverflowError notJson) {
            return error(400, "invalid_json", "The request body is not valid JSON.");
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        Request request = validate(body, fields);
        if (request == null) {
            return error(400, "invalid_request", "Check these fields: " + String.join(", ", fields.keySet()) + ".", fields, Map.of());
        }
        if (!settings.meetings().isEmpty() && !settings.meetings().contains(request.meetingNumber)) {
            return error(403, "meeting_not_allowed", "This site only serves the meetings listed in ZOOM_ALLOWED_MEETINGS.",
                Map.of("meetingNumber", List.of("is not one of the meetings this site may join")), Map.of());
        }
        long ceiling = settings.maxExpirationSeconds();
        // Left out: 2 h, or the ceiling when lower (the page leaves it out). Asked for: refused above it, never shortened.
        if (request.expirationSeconds == null) request.expirationSeconds = MeetingSdkSignature.defaultExpirationSeconds(ceiling);
        if (request.expirationSeconds > ceiling) {
            return error(400, "invalid_request", "Check these fields: expirationSeconds.", Map.of("expirationSeconds",
                List.of("must be at most " + ceiling + " on this site (" + MeetingSdkSignature.MAX_EXPIRATION_VARIABLE + ")")), Map.of());
        }
        MeetingSdkSignature.Signed signed = MeetingSdkSignature.sign(key, secret, request.meetingNumber, request.role,
            request.expirationSeconds, request.videoWebRtcMode, Instant.now());
        return json(200, "{\"signature\":" + MeetingSdkSignature.json(signed.token()) + ",\"sdkKey\":" + MeetingSdkSignature.json(key)
            + ",\"expiresAt\":" + MeetingSdkSignature.json(ISO_MILLIS.format(Instant.ofEpochSecond(signed.exp()))) + "}", Map.of());
    }

    static final class Request {
        String meetingNumber;
        int role;
        /** Null when left out: sign() picks the default, which depends on the ceiling. */
        Long expirationSeconds;
        Integer videoWebRtcMode;
    }

    /** The request, or null with `fields` filled with the function's messages, in its order. */
    static Request validate(Object parsed, Map<String, List<String>> fields) {
        if (!(parsed instanceof Map<?, ?> map)) {
            fields.put("body", new ArrayList<>(List.of("must be a JSON object")));
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) map;
        Request request = new Request();

        Object meetingNumber = meetingNumberText(body.containsKey("meetingNumber") ? body.get("meetingNumber") : MISSING);
        if (meetingNumber == MISSING) add(fields, "meetingNumber", "is required");
        else if (meetingNumber == null) add(fields, "meetingNumber", "must be a string or a number");
        else if (!normaliseMeetingNumber((String) meetingNumber).matches("[0-9]{9,11}")) {
            add(fields, "meetingNumber", "must be 9 to 11 digits (spaces and dashes are ignored)");
        } else request.meetingNumber = normaliseMeetingNumber((String) meetingNumber);

        if (!body.containsKey("role")) add(fields, "role", "is required");
        else {
            Integer role = zeroOrOne(body.get("role"));
            if (role == null) add(fields, "role", "must be 0 (attendee) or 1 (host)");
            else request.role = role;
        }

        if (body.containsKey("expirationSeconds")) {
            Object value = body.get("expirationSeconds");
            Double number = value instanceof Double d ? d
                : value instanceof String s && s.matches("[0-9]+") ? Double.valueOf(Double.parseDouble(s)) : null;
            if (number == null || number.isInfinite() || number != Math.floor(number)) add(fields, "expirationSeconds", "must be a whole number of seconds");
            else if (Math.abs(number) > MAX_SAFE_INTEGER) {
                // Beyond 2^53 a number is no longer exact: the function names both problems.
                add(fields, "expirationSeconds", "must be a whole number of seconds");
                add(fields, "expirationSeconds", number > 0 ? TOO_LONG : TOO_SHORT);
            } else if (number < MIN_EXPIRATION_SECONDS) add(fields, "expirationSeconds", TOO_SHORT);
            else if (number > MAX_EXPIRATION_SECONDS) add(fields, "expirationSeconds", TOO_LONG);
            else request.expirationSeconds = number.longValue();
        }

        if (body.containsKey("videoWebRtcMode")) {
            request.videoWebRtcMode = zeroOrOne(body.get("videoWebRtcMode"));
            if (request.videoWebRtcMode == null) add(fields, "videoWebRtcMode", "must be 0 or 1");
        }

        for (String name : body.keySet()) if (!FIELDS.contains(name)) add(fields, name, "is not an accepted field");
        if (fields.isEmpty()) return request;
        javascriptKeyOrder(fields);
        return null;
    }

    private static void add(Map<String, List<String>> fields, String name, String message) {
        fields.computeIfAbsent(name, n -> new ArrayList<>()).add(message);
    }

    /** A number is taken as JavaScript's String(number) would write it: only whole 9-to-11-digit values can pass. */
    static Object meetingNumberText(Object value) {
        if (value == MISSING || value instanceof String) return value;
        if (value instanceof Double d) {
            double magnitude = Math.abs(d);
            return !Double.isInfinite(magnitude) && magnitude == Math.floor(magnitude) && magnitude < 1e11 ? Long.toString((long) magnitude) : "not digits";
        }
        return null;
    }

    /** Zoom's auth sample coerces strings, so its clients send "0"/"1": exactly those strings count as numbers. */
    static Integer zeroOrOne(Object value) {
        if (value instanceof Double d) return d == 0 ? Integer.valueOf(0) : d == 1 ? Integer.valueOf(1) : null;
        if ("0".equals(value)) return 0;
        if ("1".equals(value)) return 1;
        return null;
    }

    /** The function's error lists fields in JavaScript object order: integer-like names first, ascending. */
    static void javascriptKeyOrder(Map<String, List<String>> fields) {
        List<String> names = new ArrayList<>(fields.keySet());
        List<String> indices = names.stream().filter(SignatureEndpoint::isArrayIndex).sorted((a, b) -> Double.compare(Double.parseDouble(a), Double.parseDouble(b))).toList();
        Map<String, List<String>> ordered = new LinkedHashMap<>();
        for (String name : indices) ordered.put(name, fields.get(name));
        for (String name : names) if (!isArrayIndex(name)) ordered.put(name, fields.get(name));
        fields.clear();
        fields.putAll(ordered);
    }

    private static boolean isArrayIndex(String name) {
        return name.matches("0|[1-9][0-9]*") && Double.parseDouble(name) < 4294967295d;
    }

    /**
     * Strict JSON as JavaScript's JSON.parse reads it. Objects keep their key order (LinkedHashMap), every number is
     * a double as in JavaScript, JSON null is Java null.
     */
    static final class Json {
        private static final Pattern NUMBER = Pattern.compile("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?");
        private final String text;
        private int at;

        private Json(String text) {
            this.text = text;
        }

        static Object parse(String text) {
            Json json = new Json(text);
            json.whitespace();
            Object value = json.value();
            json.whitespace();
            if (json.at != text.length()) throw json.fail();
            return value;
        }

        private IllegalArgumentException fail() {
            return new IllegalArgumentException("not JSON at " + at);
        }

        private void whitespace() {
            while (at < text.length() && " \t\n\r".indexOf(text.charAt(at)) >= 0) at++;
        }

        private void expect(char c) {
            if (at >= text.length() || text.charAt(at) != c) throw fail();
            at++;
        }

        private Object value() {
            if (at >= text.length()) throw fail();
            switch (text.charAt(at)) {
                case '{':
                    return object();
                case '[':
                    return array();
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", null);
                default:
                    return number();
            }
        }

        private Object literal(String word, Object value) {
            if (!text.startsWith(word, at)) throw fail();
            at += word.length();
            return value;
        }

        private Map<String, Object> object() {
            Map<String, Object> map = new LinkedHashMap<>();
            expect('{');
            whitespace();
            if (at < text.length() && text.charAt(at) == '}') {
                at++;
                return map;
            }
            while (true) {
                whitespace();
                String key = string();
                whitespace();
                expect(':');
                whitespace();
                map.put(key, value()); // a repeated key keeps its first place and its last value, as in JavaScript
                whitespace();
                if (at < text.length() && text.charAt(at) == ',') {
                    at++;
                    continue;
                }
                expect('}');
                return map;
            }
        }

        private List<Object> array() {
            List<Object> list = new ArrayList<>();
            expect('[');
            whitespace();
            if (at < text.length() && text.charAt(at) == ']') {
                at++;
                return list;
            }
            while (true) {
                whitespace();
                list.add(value());
                whitespace();
                if (at < text.length() && text.charAt(at) == ',') {
                    at++;
                    continue;
                }
                expect(']');
                return list;
            }
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                if (at >= text.length()) throw fail();
                char c = text.charAt(at++);
                if (c == '"') return out.toString();
                if (c < 0x20) throw fail();
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (at >= text.length()) throw fail();
                char escape = text.charAt(at++);
                switch (escape) {
                    case '"', '\\', '/' -> out.append(escape);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (at + 4 > text.length() || !text.substring(at, at + 4).matches("[0-9a-fA-F]{4}")) throw fail();
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> throw fail();
                }
            }
        }

        private Double number() {
            Matcher matcher = NUMBER.matcher(text).region(at, text.length());
            if (!matcher.lookingAt()) throw fail();
            at = matcher.end();
            return Double.parseDouble(matcher.group()); // as JavaScript reads it: 1e400 is Infinity
        }
    }
}
