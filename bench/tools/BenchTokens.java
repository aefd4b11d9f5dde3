import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Signs bench tokens with the service's own key (the embedded issuer's signing-key.pem), so the
 * load generators send real RS256 JWTs that go through the full verification. Run as a single
 * source file: {@code java bench/tools/BenchTokens.java KEY ISSUER AUDIENCE IN.tsv OUT.txt}.
 *
 * IN.tsv (from psql): patientId, accountId, organizationId, careTeamProviderId (may be empty), entryId.
 * OUT.txt, one line per patient, space separated:
 *   patientId accountId entryId patientToken readerToken writerToken
 * readerToken is the care-team provider's token (the patient's own where there is no care team),
 * writerToken is the care-team provider's or else the records staff of the patient's organization.
 */
public class BenchTokens {

    static final String RIVERSIDE = uuid(1).toString();
    static final String LAKEVIEW = uuid(2).toString();
    static final String SAM_RECORDS = uuid(121).toString();
    static final String LENA_RECORDS = uuid(122).toString();
    static final long VALIDITY_SECONDS = 12 * 3600;

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: BenchTokens KEY.pem ISSUER AUDIENCE IN.tsv OUT.txt");
            System.exit(2);
        }
        PrivateKey key = readKey(Path.of(args[0]));
        String issuer = args[1];
        String audience = args[2];
        Signature signer = Signature.getInstance("SHA256withRSA");
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[3]))) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            String patient = f[0], account = f[1], org = f[2], provider = f[3], entry = f[4].isEmpty() ? "-" : f[4];
            long now = System.currentTimeMillis() / 1000;
            String patientToken = sign(signer, key, claims(issuer, audience, now, account, "Bench Patient", "patient",
                    "\"patient_id\":\"" + patient + "\""));
            String providerToken = provider.isEmpty() ? null : sign(signer, key, claims(issuer, audience, now, provider,
                    "Bench Provider", "provider", "\"org\":\"" + RIVERSIDE + "\""));
            String staff = LAKEVIEW.equals(org) ? LENA_RECORDS : SAM_RECORDS;
            String writer = providerToken != null ? providerToken : sign(signer, key, claims(issuer, audience, now, staff,
                    "Bench Records Staff", "staff", "\"org\":\"" + org + "\""));
            String reader = providerToken != null ? providerToken : patientToken;
            out.add(String.join(" ", patient, account, entry, patientToken, reader, writer));
        }
        Files.write(Path.of(args[4]), out);
        System.out.println("wrote " + out.size() + " token lines to " + args[4]);
    }

    static String claims(String iss, String aud, long now, String sub, String name, String role, String extra) {
        return "{\"iss\":\"" + iss + "\",\"aud\":\"" + aud + "\",\"sub\":\"" + sub + "\",\"name\":\"" + name
                + "\",\"groups\":[\"" + role + "\"]," + extra + ",\"iat\":" + now + ",\"exp\":" + (now + VALIDITY_SECONDS)
                + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
    }

    static String sign(Signature signer, PrivateKey key, String claims) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        signer.initSign(key);
        signer.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + b64.encodeToString(signer.sign());
    }

    static PrivateKey readKey(Path pem) throws Exception {
        String body = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    }

    static UUID uuid(long n) {
        return new UUID(0x00000000_0000_4000L, 0x8000_0000_0000_0000L | n);
    }
}
