import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The client half of scripts/two-instances.sh: opens a notification socket on each instance as
 * Alice, writes one event on a database connection of its own (the chart write endpoints are not
 * merged yet, so the write is the same SQL the service runs inside a chart transaction), and shows
 * the event arriving on both sockets through PostgreSQL NOTIFY.
 *
 * Run with the service's libraries on the class path:
 *   java -cp 'target/quarkus-app/lib/main/*' scripts/TwoInstancesClient.java KEY_PEM PORT_A PORT_B JDBC_URL
 */
public class TwoInstancesClient {

    static final UUID ALICE_ACCOUNT = demoId(101);
    static final UUID ALICE_PATIENT = demoId(201);

    public static void main(String[] args) throws Exception {
        String token = token(Path.of(args[0]));
        int portA = Integer.parseInt(args[1]);
        int portB = Integer.parseInt(args[2]);
        String jdbcUrl = args[3];

        List<String> onA = new CopyOnWriteArrayList<>();
        List<String> onB = new CopyOnWriteArrayList<>();
        long after = lastSeq(jdbcUrl);
        WebSocket socketA = open(portA, token, after, onA);
        WebSocket socketB = open(portB, token, after, onB);
        System.out.println("Sockets open on :" + portA + " and :" + portB + " as Alice, resuming after seq " + after);

        UUID event = write(jdbcUrl);
        System.out.println("Wrote event " + event + " on a database connection of its own (as instance A's chart write would)");

        long deadline = System.currentTimeMillis() + 15_000;
        while ((onA.isEmpty() || onB.isEmpty()) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50); // a demo client polling its own list; the tests use Awaitility
        }
        System.out.println("Instance A (:" + portA + ") socket got: " + onA);
        System.out.println("Instance B (:" + portB + ") socket got: " + onB);
        socketA.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        socketB.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        boolean ok = onB.stream().anyMatch(f -> f.contains(event.toString())) && onA.stream().anyMatch(f -> f.contains(event.toString()));
        System.out.println(ok ? "OK: the event reached sockets on both instances" : "FAILED: the event did not arrive everywhere");
        System.exit(ok ? 0 : 1);
    }

    static WebSocket open(int port, String token, long after, List<String> frames) {
        return HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer " + token)
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/v1/notifications/ws?after=" + after), new WebSocket.Listener() {
                    final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            frames.add(partial.toString());
                            partial.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).join();
    }

    static long lastSeq(String jdbcUrl) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
             var s = c.prepareStatement("select coalesce(max(last_seq), 0) from notification_counter where account_id = ?")) {
            s.setObject(1, ALICE_ACCOUNT);
            try (var rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    static UUID write(String jdbcUrl) throws Exception {
        UUID event = UUID.randomUUID();
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "postgres")) {
            c.setAutoCommit(false);
            try (var insert = c.prepareStatement("""
                    insert into notification_event (id, patient_id, kind, category, resource_id, title)
                    values (?, ?, 'lab.result.added', 'observation', ?, 'New lab result')""")) {
                insert.setObject(1, event);
                insert.setObject(2, ALICE_PATIENT);
                insert.setString(3, UUID.randomUUID().toString());
                insert.executeUpdate();
            }
            try (var fanOut = c.prepareStatement("select notification_fan_out(?, array[?]::uuid[])")) {
                fanOut.setObject(1, event);
                fanOut.setObject(2, ALICE_ACCOUNT);
                fanOut.execute();
            }
            c.commit();
        }
        return event;
    }

    /** An RS256 access token for Alice, signed with the embedded issuer's key (as the token endpoint would). */
    static String token(Path keyPem) throws Exception {
        String pem = Files.readString(keyPem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String claims = "{\"iss\":\"https://carechart.local/issuer\",\"aud\":\"carechart-api\",\"sub\":\"" + ALICE_ACCOUNT
                + "\",\"groups\":[\"patient\"],\"patient_id\":\"" + ALICE_PATIENT + "\",\"name\":\"Alice Morgan\",\"iat\":"
                + now + ",\"exp\":" + (now + 300) + "}";
        String signingInput = b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(claims.getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + b64(signature.sign());
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static UUID demoId(long n) {
        return new UUID(0x00000000_0000_4000L, 0x8000_0000_0000_0000L | n);
    }
}
