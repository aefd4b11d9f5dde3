import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * Measure evaluation time (issue 18): signs a quality monitor's token with the service's own key and times
 * {@code GET /fhir/r4/Measure/{id}/$evaluate-measure} over the whole data set (every organization), for each
 * measure of the catalog, REPS times after one warm-up call. Prints one markdown table row per measure.
 * Run as a single source file:
 * {@code java bench/tools/QualityBench.java KEY.pem ISSUER AUDIENCE BASE PATIENTS REPS PERIOD_START PERIOD_END}.
 */
public class QualityBench {

    static final List<String> MEASURES = List.of("controlling-high-blood-pressure", "diabetes-hba1c-poor-control",
            "influenza-immunization");

    public static void main(String[] args) throws Exception {
        if (args.length != 8) {
            System.err.println("usage: QualityBench KEY.pem ISSUER AUDIENCE BASE PATIENTS REPS PERIOD_START PERIOD_END");
            System.exit(2);
        }
        String token = token(readKey(Path.of(args[0])), args[1], args[2]);
        String base = args[3];
        String patients = args[4];
        int reps = Integer.parseInt(args[5]);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (String measure : MEASURES) {
            URI uri = URI.create(base + "/fhir/r4/Measure/" + measure + "/$evaluate-measure?periodStart=" + args[6]
                    + "&periodEnd=" + args[7]);
            HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofMinutes(5)).GET().build();
            HttpResponse<String> first = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (first.statusCode() != 200) {
                System.out.println("| " + patients + " | " + measure + " | HTTP " + first.statusCode() + " | | | |");
                continue;
            }
            List<Double> seconds = new ArrayList<>();
            for (int i = 0; i < reps; i++) {
                long t0 = System.nanoTime();
                HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
                seconds.add((System.nanoTime() - t0) / 1e9);
                if (answer.statusCode() != 200) {
                    throw new IllegalStateException("HTTP " + answer.statusCode());
                }
            }
            Collections.sort(seconds);
            String ip = first.body().replaceAll("(?s).*\"initial-population\"\\}\\]\\},\"count\":(\\d+).*", "$1");
            System.out.printf("| %s | %s | %s | %.3f | %.3f | %.3f |%n", patients, measure,
                    ip.length() > 12 ? "masked" : ip, seconds.get(0), seconds.get(seconds.size() / 2),
                    seconds.get(seconds.size() - 1));
        }
    }

    static String token(PrivateKey key, String issuer, String audience) throws Exception {
        long now = System.currentTimeMillis() / 1000;
        String claims = "{\"iss\":\"" + issuer + "\",\"aud\":\"" + audience + "\",\"sub\":\"" + UUID.nameUUIDFromBytes(
                "bench-quality-monitor".getBytes(StandardCharsets.UTF_8)) + "\",\"name\":\"Bench Quality Monitor\","
                + "\"groups\":[\"quality\"],\"scope\":\"system/Measure.rs system/MeasureReport.rs\",\"iat\":" + now
                + ",\"exp\":" + (now + 3600) + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(key);
        signer.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + b64.encodeToString(signer.sign());
    }

    static PrivateKey readKey(Path pem) throws Exception {
        String body = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    }
}
