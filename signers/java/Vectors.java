// Prints the token for each input of signers/vectors.json (path as the argument), one per line; the tests compare.

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

public final class Vectors {
    private Vectors() {}

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws IOException {
        Map<String, Object> file = (Map<String, Object>) SignatureEndpoint.Json.parse(Files.readString(Path.of(args[0])));
        for (Object vector : (List<Object>) file.get("vectors")) {
            Map<String, Object> input = (Map<String, Object>) ((Map<String, Object>) vector).get("input");
            Double mode = (Double) input.get("videoWebRtcMode");
            System.out.println(MeetingSdkSignature.sign(
                (String) input.get("sdkKey"),
                (String) input.get("secret"),
                (String) input.get("meetingNumber"),
                ((Double) input.get("role")).intValue(),
                ((Double) input.get("expirationSeconds")).longValue(),
                mode == null ? null : mode.intValue(),
                Instant.ofEpochMilli(((Double) input.get("nowMs")).longValue())).token());
        }
    }
}
