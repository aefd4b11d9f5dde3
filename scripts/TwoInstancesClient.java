import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The client half of scripts/two-instances.sh, using only the public API: signs in as Alice and as
 * Dr. Lee (her care-team provider) through instance A's token endpoint (password grant, demo
 * accounts), opens Alice's notification socket on each instance, has Dr. Lee POST a lab result to
 * Alice's chart on instance A, and shows the event arriving on both sockets (instance B hears of it
 * only through PostgreSQL NOTIFY). Plain JDK; no libraries needed.
 *
 *   java scripts/TwoInstancesClient.java PORT_A PORT_B
 */
public class TwoInstancesClient {

    static final String ALICE_PATIENT = new UUID(0x00000000_0000_4000L, 0x8000_0000_0000_0000L | 201).toString();
    static final String DEMO_PASSWORD = "carechart-demo";
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public static void main(String[] args) throws Exception {
        int portA = Integer.parseInt(args[0]);
        int portB = Integer.parseInt(args[1]);

        String alice = signIn(portA, "alice");
        String drLee = signIn(portA, "dr.lee");
        System.out.println("Signed in as alice and dr.lee through POST :" + portA + "/api/v1/auth/token (password grant)");

        long after = lastSeq(portA, alice);
        List<String> onA = new CopyOnWriteArrayList<>();
        List<String> onB = new CopyOnWriteArrayList<>();
        WebSocket socketA = open(portA, alice, after, onA);
        WebSocket socketB = open(portB, alice, after, onB);
        System.out.println("Alice's sockets are open on :" + portA + " and :" + portB + ", resuming after seq " + after);

        String body = """
                {"category":"observation","status":"final",
                 "code":{"system":"http://loinc.org","code":"4548-4","display":"Hemoglobin A1c"},
                 "effectiveAt":"%s","valueQuantity":6.1,"valueUnit":"%%","referenceLow":4.0,"referenceHigh":5.6}"""
                .formatted(Instant.now().minus(10, ChronoUnit.MINUTES));
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + portA + "/api/v1/patients/" + ALICE_PATIENT + "/chart/entries"))
                .header("Authorization", "Bearer " + drLee).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            System.out.println("FAILED: the chart write answered " + created.statusCode() + " " + created.body());
            System.exit(1);
        }
        String entry = field(created.body(), "id");
        System.out.println("dr.lee POST :" + portA + "/api/v1/patients/" + ALICE_PATIENT + "/chart/entries -> "
                + created.statusCode() + ", lab result " + entry);

        long deadline = System.currentTimeMillis() + 15_000;
        while ((!has(onA, entry) || !has(onB, entry)) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50); // a demo client polling its own list; the tests use Awaitility
        }
        System.out.println("Instance A (:" + portA + ") socket got: " + onA);
        System.out.println("Instance B (:" + portB + ") socket got: " + onB);
        socketA.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        socketB.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        boolean ok = has(onA, entry) && has(onB, entry)
                && onA.stream().noneMatch(f -> f.contains("Hemoglobin") || f.contains("6.1"));
        System.out.println(ok ? "OK: dr.lee's lab result written on A reached Alice's sockets on A and on B (ids and title only)"
                : "FAILED: the event did not arrive everywhere");
        System.exit(ok ? 0 : 1);
    }

    static boolean has(List<String> frames, String entry) {
        return frames.stream().anyMatch(f -> f.contains("\"resourceId\":\"" + entry + "\"") && f.contains("lab.result.added"));
    }

    static String signIn(int port, String username) throws Exception {
        String form = "grant_type=password&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(DEMO_PASSWORD, StandardCharsets.UTF_8);
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/auth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("sign-in as " + username + " answered " + answer.statusCode());
        }
        return field(answer.body(), "access_token");
    }

    static long lastSeq(int port, String token) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/notifications?limit=1"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"lastSeq\"\\s*:\\s*(\\d+)").matcher(answer.body());
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in the answer");
        }
        return m.group(1);
    }

    static WebSocket open(int port, String token, long after, List<String> frames) {
        return HTTP.newWebSocketBuilder()
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
}
