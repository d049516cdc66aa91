// The whole Zoom Meeting SDK signature: an HS256 JWT, written out so that every signed byte is visible.
// Copy this file into any Java backend (Spring: add your package line). Standard library only (javax.crypto).
// The tokens are byte-identical to this repository's other signers: signers/vectors.json proves it in CI.

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public final class MeetingSdkSignature {
    /** Zoom rejects signatures whose clock runs ahead of its own; back-dating iat by 30 s absorbs small skew. */
    public static final long IAT_BACKDATE_SECONDS = 30;
    /** Zoom's bounds on a signature's lifetime (exp - iat). */
    public static final long MIN_EXPIRATION_SECONDS = 1800;
    public static final long MAX_EXPIRATION_SECONDS = 172_800;
    /**
     * A signature is a bearer credential until it expires: at most 4 h unless ZOOM_MAX_EXPIRATION_SECONDS says more,
     * so a leaked one is not good for two days.
     */
    public static final String MAX_EXPIRATION_VARIABLE = "ZOOM_MAX_EXPIRATION_SECONDS";
    public static final long DEFAULT_MAX_EXPIRATION_SECONDS = 14_400;
    /** A lifetime left out: 2 h, or the ceiling when that is lower (a site capping signatures at 1 h still signs). */
    public static final long DEFAULT_EXPIRATION_SECONDS = 7200;
    /**
     * Whitespace as JavaScript's trim() and \s see it (String.strip() differs), as a regex class body, so settings read
     * exactly as in this repository's Netlify function.
     */
    static final String WHITESPACE = "\\t\\n\\u000B\\f\\r \\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF";
    private static final Pattern TRIM = Pattern.compile("^[" + WHITESPACE + "]+|[" + WHITESPACE + "]+\\z");

    public record Signed(String token, long exp) {}

    /** A setting this signer will not work with. The message names the variable and what it takes, never its value. */
    public static final class SettingException extends IllegalStateException {
        public SettingException(String message) {
            super(message);
        }
    }

    private MeetingSdkSignature() {}

    /** The variable's value, trimmed: a secret pasted with a trailing newline signs differently from the real one. */
    public static String env(String name) {
        String value = System.getenv(name);
        return value == null ? "" : TRIM.matcher(value).replaceAll("");
    }

    /**
     * The longest lifetime sign() hands out: ZOOM_MAX_EXPIRATION_SECONDS, whole seconds within Zoom's bounds, or 4 h
     * when unset. Anything else throws SettingException: a typo must not quietly sign for longer than meant.
     */
    public static long maxExpirationSeconds() {
        String text = env(MAX_EXPIRATION_VARIABLE);
        if (text.isEmpty()) return DEFAULT_MAX_EXPIRATION_SECONDS;
        // ASCII digits only, leading zeros fine; more than 6 that count is out of bounds (and may be past a long).
        String significant = text.replaceFirst("^0+", "");
        if (text.matches("[0-9]+") && significant.length() <= 6) {
            long seconds = significant.isEmpty() ? 0 : Long.parseLong(significant);
            if (seconds >= MIN_EXPIRATION_SECONDS && seconds <= MAX_EXPIRATION_SECONDS) return seconds;
        }
        throw new SettingException(MAX_EXPIRATION_VARIABLE + " is not valid: set a whole number of seconds from " + MIN_EXPIRATION_SECONDS
            + " to " + MAX_EXPIRATION_SECONDS + ", or leave it unset for " + DEFAULT_MAX_EXPIRATION_SECONDS + ".");
    }

    /** The lifetime of a signature whose caller names none: 2 h, or {@code ceiling} when lower. */
    public static long defaultExpirationSeconds(long ceiling) {
        return Math.min(DEFAULT_EXPIRATION_SECONDS, ceiling);
    }

    /**
     * meetingNumber: digits only (strip spaces and dashes first); role: 0 attendee, 1 host; expirationSeconds:
     * 1800..172800, Zoom's limits, and at most maxExpirationSeconds() (IllegalArgumentException above it, never
     * shortened), null (left out): defaultExpirationSeconds(maxExpirationSeconds()), 2 h or the ceiling when lower;
     * videoWebRtcMode: null (left out), 0 or 1; now: Instant.now() but in tests.
     */
    public static Signed sign(String sdkKey, String secret, String meetingNumber, int role, Long expirationSeconds,
                              Integer videoWebRtcMode, Instant now) {
        long ceiling = maxExpirationSeconds();
        long lifetime = expirationSeconds == null ? defaultExpirationSeconds(ceiling) : expirationSeconds;
        if (lifetime > ceiling) {
            throw new IllegalArgumentException("expirationSeconds " + lifetime + " is above " + MAX_EXPIRATION_VARIABLE + " (" + ceiling + ")");
        }
        long iat = now.getEpochSecond() - IAT_BACKDATE_SECONDS;
        long exp = iat + lifetime;
        String header = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
        // Zoom reads these by name, but the order is kept identical in every language so tokens compare byte for byte.
        String claims = "{\"appKey\":" + json(sdkKey) // required since Meeting SDK 5.0
            + ",\"sdkKey\":" + json(sdkKey)
            + ",\"mn\":" + json(meetingNumber)
            + ",\"role\":" + role
            + ",\"iat\":" + iat
            + ",\"exp\":" + exp
            + ",\"tokenExp\":" + exp
            + (videoWebRtcMode == null ? "" : ",\"video_webrtc_mode\":" + videoWebRtcMode)
            + "}";
        String unsigned = base64url(header.getBytes(StandardCharsets.UTF_8)) + "." + base64url(claims.getBytes(StandardCharsets.UTF_8));
        return new Signed(unsigned + "." + base64url(hmacSha256(secret, unsigned)), exp);
    }

    /** A lifetime asked for, as a primitive: {@code sign(..., 3600, null, Instant.now())} compiles as it always did. */
    public static Signed sign(String sdkKey, String secret, String meetingNumber, int role, long expirationSeconds,
                              Integer videoWebRtcMode, Instant now) {
        return sign(sdkKey, secret, meetingNumber, role, Long.valueOf(expirationSeconds), videoWebRtcMode, now);
    }

    /** The default lifetime (2 h, or the ceiling when lower), now. */
    public static Signed sign(String sdkKey, String secret, String meetingNumber, int role) {
        return sign(sdkKey, secret, meetingNumber, role, (Long) null, null, Instant.now());
    }

    private static byte[] hmacSha256(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }

    private static String base64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A JSON string as JSON.stringify writes it: only quotes, backslashes, control characters and lone surrogates escaped. */
    static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pairedHigh = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
            boolean pairedLow = Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || (Character.isSurrogate(c) && !pairedHigh && !pairedLow)) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        return out.append('"').toString();
    }
}
