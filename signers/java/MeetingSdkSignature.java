// The whole Zoom Meeting SDK signature: an HS256 JWT, written out so that every signed byte is visible.
// Copy this file into any Java backend (Spring: add your package line). Standard library only (javax.crypto).
// The tokens are byte-identical to this repository's other signers: signers/vectors.json proves it in CI.

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public final class MeetingSdkSignature {
    /** Zoom rejects signatures whose clock runs ahead of its own; back-dating iat by 30 s absorbs small skew. */
    public static final long IAT_BACKDATE_SECONDS = 30;

    public record Signed(String token, long exp) {}

    private MeetingSdkSignature() {}

    /**
     * meetingNumber: digits only (strip spaces and dashes first); role: 0 attendee, 1 host; expirationSeconds:
     * 1800..172800, Zoom's limits; videoWebRtcMode: null (left out), 0 or 1; now: Instant.now() but in tests.
     */
    public static Signed sign(String sdkKey, String secret, String meetingNumber, int role, long expirationSeconds,
                              Integer videoWebRtcMode, Instant now) {
        long iat = now.getEpochSecond() - IAT_BACKDATE_SECONDS;
        long exp = iat + expirationSeconds;
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

    public static Signed sign(String sdkKey, String secret, String meetingNumber, int role) {
        return sign(sdkKey, secret, meetingNumber, role, 7200, null, Instant.now());
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
