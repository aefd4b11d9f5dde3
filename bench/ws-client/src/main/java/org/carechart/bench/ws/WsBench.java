package org.carechart.bench.ws;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live-notification benchmark: holds N authenticated idle sockets on
 * {@code /api/v1/notifications/ws}, commits events at a fixed rate (POST chart entry, or SQL
 * inserts into notification_event when the POST endpoint is missing), and measures
 * commit-to-socket latency, lost and duplicated deliveries, service RSS per 1,000 idle sockets,
 * and gaps after dropping and resuming sockets with {@code ?after=lastSeq} mid-stream.
 *
 * <p>Each socket belongs to one bench patient account (several sockets per account when there are
 * more sockets than accounts); every event is written for a patient whose account holds a socket,
 * so each event has known expected recipients.
 */
public final class WsBench {

    record Account(String patientId, String accountId, String patientToken, String writerToken) {
    }

    record Msg(Long seq, String id, String patientId, String resourceId, Instant createdAt, long receivedMicros) {
    }

    record Written(String patientId, String resourceId, long sentMicros, long committedMicros) {
    }

    static final class Sock {
        final int index;
        final Account account;
        final ConcurrentLinkedQueue<Msg> messages = new ConcurrentLinkedQueue<>();
        volatile WebSocket ws;
        volatile boolean resumed;
        volatile long droppedAtMicros = Long.MAX_VALUE;
        volatile long reconnectedAtMicros = Long.MIN_VALUE;
        volatile boolean closedUnexpectedly;
        volatile boolean everConnected;
        final AtomicLong lastSeq = new AtomicLong(-1);

        Sock(int index, Account account) {
            this.index = index;
            this.account = account;
        }
    }

    private final Map<String, String> opts;
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    private final List<String> notes = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger badFrames = new AtomicInteger();
    private String host;
    private int port;

    private WsBench(Map<String, String> opts) {
        this.opts = opts;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        WsBench bench = new WsBench(opts);
        int code = 0;
        try {
            bench.run();
        } catch (Exception e) {
            e.printStackTrace();
            code = 1;
        } finally {
            bench.vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        System.exit(code);
    }

    private void run() throws Exception {
        URI base = URI.create(opts.getOrDefault("base", "http://127.0.0.1:8680"));
        host = base.getHost();
        port = base.getPort();
        int sockets = Integer.parseInt(opts.getOrDefault("sockets", "1000"));
        int rate = Integer.parseInt(opts.getOrDefault("rate", "200"));
        int seconds = Integer.parseInt(opts.getOrDefault("seconds", "30"));
        int resume = Integer.parseInt(opts.getOrDefault("resume", "1000"));
        String write = opts.getOrDefault("write", "post");
        String servicePid = opts.get("service-pid");
        Path out = Path.of(opts.getOrDefault("out", "ws-result.json"));

        List<Account> accounts = readAccounts(Path.of(opts.get("tokens")), sockets);
        List<Sock> socks = new ArrayList<>();
        Map<String, List<Sock>> byPatient = new HashMap<>();
        for (int i = 0; i < sockets; i++) {
            Sock s = new Sock(i, accounts.get(i % accounts.size()));
            socks.add(s);
            byPatient.computeIfAbsent(s.account.patientId(), k -> new ArrayList<>()).add(s);
        }
        List<String> patients = new ArrayList<>(byPatient.keySet());

        WebSocketClient wsClient = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxConnections(sockets * 2 + 100).setConnectTimeout(30_000));

        long heapBefore = liveHeapKb(servicePid);
        long rssBefore = rssKb(servicePid);
        long connectStart = System.nanoTime();
        int connected = connectAll(wsClient, socks, false);
        double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
        log("connected %d of %d sockets in %.1f s", connected, sockets, connectSeconds);
        Thread.sleep(3000);
        long rssAfter = rssKb(servicePid);
        long heapAfter = liveHeapKb(servicePid);
        double rssPer1k = connected == 0 ? 0 : (rssAfter - rssBefore) / 1024.0 / connected * 1000;
        double heapPer1k = connected == 0 || heapBefore < 0 || heapAfter < 0 ? -1
                : (heapAfter - heapBefore) / 1024.0 / connected * 1000;

        // --- events at a fixed rate; the drop-and-resume happens half way through
        String[] pg = opts.getOrDefault("pg", "127.0.0.1:5632").split(":");
        Pool pool = PgBuilder.pool()
                .connectingTo(new PgConnectOptions().setHost(pg[0]).setPort(Integer.parseInt(pg[1]))
                        .setDatabase("postgres").setUser("postgres").setPassword("postgres"))
                .with(new PoolOptions().setMaxSize(8))
                .using(vertx)
                .build();
        EventWriter writer = "sql".equals(write) ? new SqlWriter(pool)
                : new PostWriter(Files.readString(Path.of(opts.get("body"))));
        Map<String, Written> written = new ConcurrentHashMap<>();
        AtomicInteger writeFailures = new AtomicInteger();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        int total = rate * seconds;
        long phaseStartMicros = nowMicros();
        CountDownLatch allWritten = new CountDownLatch(1);
        long startNanos = System.nanoTime();
        long timer = vertx.setPeriodic(5, id -> {
            long due = Math.min(total, (long) ((System.nanoTime() - startNanos) / 1e9 * rate));
            while (sent.get() < due) {
                sent.incrementAndGet();
                if (inFlight.get() > 2000) {
                    writeFailures.incrementAndGet(); // the service cannot keep up: counted, never queued
                    continue;
                }
                Account account = socks.isEmpty() ? accounts.get(0)
                        : byPatient.get(patients.get(ThreadLocalRandom.current().nextInt(patients.size()))).get(0).account;
                long sentAt = nowMicros();
                inFlight.incrementAndGet();
                writer.write(account).onComplete(ar -> {
                    inFlight.decrementAndGet();
                    if (ar.succeeded() && ar.result() != null) {
                        written.put(ar.result(), new Written(account.patientId(), ar.result(), sentAt, nowMicros()));
                    } else {
                        if (writeFailures.incrementAndGet() <= 3) {
                            notes.add("write failed: " + (ar.failed() ? ar.cause().getMessage() : "no id in the answer"));
                        }
                    }
                });
            }
            if (sent.get() >= total) {
                allWritten.countDown();
            }
        });

        Thread.sleep(seconds * 500L);
        int toResume = Math.min(resume, connected);
        List<Sock> dropped = new ArrayList<>();
        for (Sock s : socks) {
            if (dropped.size() >= toResume) {
                break;
            }
            if (s.ws != null) {
                dropped.add(s);
            }
        }
        log("dropping %d sockets mid-stream", dropped.size());
        List<Future<Void>> closing = new ArrayList<>();
        for (Sock s : dropped) {
            s.resumed = true;
            s.droppedAtMicros = nowMicros();
            WebSocket ws = s.ws;
            s.ws = null;
            closing.add(ws.close());
        }
        Future.join(closing).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        Thread.sleep(1000); // events keep coming while they are away
        int reconnected = connectAll(wsClient, dropped, true);
        log("resumed %d of %d sockets with ?after=lastSeq", reconnected, dropped.size());

        allWritten.await(seconds * 3L + 60, TimeUnit.SECONDS);
        vertx.cancelTimer(timer);
        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (inFlight.get() > 0 && System.nanoTime() < waitUntil) {
            Thread.sleep(100);
        }
        // who each event reached, as the publisher wrote it: a socket expects an event only when its account
        // got an inbox row for it (an event nobody may hear of is "unreachable", never "lost")
        Map<String, Set<String>> inboxOf;
        try {
            inboxOf = inboxes(pool, written.keySet());
        } catch (Exception e) {
            // no database at hand (FakeService): every socket of the event's patient expects it
            notes.add("inboxes not readable (" + e.getClass().getSimpleName() + "): every socket of an event's patient"
                    + " expects it");
            inboxOf = new HashMap<>();
            for (Written w : written.values()) {
                Set<String> all = new HashSet<>();
                byPatient.get(w.patientId()).forEach(x -> all.add(x.account.accountId()));
                inboxOf.put(w.resourceId(), all);
            }
        }
        // drain: wait until every expected delivery arrived, or 15 s
        long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < drainUntil && missing(written, byPatient, inboxOf) > 0) {
            Thread.sleep(200);
        }

        // --- evaluation
        Histogram fromCreatedAt = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
        Histogram fromPostSent = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
        Histogram catchUp = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
        long lost = 0;
        long duplicated = 0;
        long delivered = 0;
        long other = 0;
        long expected = 0;
        long unreachable = 0;
        long notAddressed = 0;
        for (Written w : written.values()) {
            Set<String> reached = inboxOf.getOrDefault(w.resourceId(), Set.of());
            if (reached.isEmpty()) {
                unreachable++;
            }
            for (Sock x : byPatient.get(w.patientId())) {
                if (!x.everConnected) {
                    continue;
                }
                if (reached.contains(x.account.accountId())) {
                    expected++;
                } else {
                    notAddressed++;
                }
            }
        }
        long gaps = 0;
        long resumedGaps = 0;
        int withoutSeq = 0;
        for (Sock s : socks) {
            if (!s.everConnected) {
                continue; // reported as connected < sockets, not as lost events
            }
            Set<String> seenIds = new HashSet<>();
            Set<String> seenResources = new HashSet<>();
            TreeSet<Long> seqs = new TreeSet<>();
            for (Msg m : s.messages) {
                if (m.seq() != null) {
                    seqs.add(m.seq());
                } else {
                    withoutSeq++;
                }
                Written w = m.resourceId() == null ? null : written.get(m.resourceId());
                if (w == null) {
                    other++;
                    continue;
                }
                if (!seenIds.add(m.id() == null ? m.resourceId() : m.id()) || !seenResources.add(m.resourceId())) {
                    duplicated++;
                    continue;
                }
                delivered++;
                boolean live = m.receivedMicros() < s.droppedAtMicros || w.sentMicros() > s.reconnectedAtMicros;
                if (!live) {
                    // written while the socket was away and replayed after ?after=: counted for loss and gaps,
                    // not for live latency
                    catchUp.recordValue(Math.max(0, m.receivedMicros() - w.sentMicros()));
                    continue;
                }
                if (m.createdAt() != null) {
                    fromCreatedAt.recordValue(Math.max(0, m.receivedMicros() - toMicros(m.createdAt())));
                }
                fromPostSent.recordValue(Math.max(0, m.receivedMicros() - w.sentMicros()));
            }
            for (Written w : written.values()) {
                if (w.patientId().equals(s.account.patientId()) && !seenResources.contains(w.resourceId())
                        && inboxOf.getOrDefault(w.resourceId(), Set.of()).contains(s.account.accountId())) {
                    lost++;
                }
            }
            long socketGaps = 0;
            Long previous = null;
            for (Long seq : seqs) {
                if (previous != null && seq > previous + 1) {
                    socketGaps += seq - previous - 1;
                }
                previous = seq;
            }
            gaps += socketGaps;
            if (s.resumed) {
                resumedGaps += socketGaps;
            }
        }
        if (withoutSeq > 0) {
            notes.add(withoutSeq + " frames had no seq");
        }
        if (badFrames.get() > 0) {
            notes.add(badFrames.get() + " frames were not JSON objects");
        }
        long unexpectedCloses = socks.stream().filter(s -> s.closedUnexpectedly).count();
        if (unexpectedCloses > 0) {
            notes.add(unexpectedCloses + " sockets were closed by the service");
        }
        if (unreachable > 0) {
            notes.add(unreachable + " of " + written.size() + " events reached no one's inbox (no audience for them):"
                    + " not delivered, not counted as lost");
        }
        if (notAddressed > 0) {
            notes.add(notAddressed + " socket deliveries not expected: the socket's account got no inbox row for the event");
        }
        if (other > 0) {
            notes.add(other + " frames for events this run did not write (earlier events, other kinds)");
        }

        JsonObject result = new JsonObject()
                .put("sockets", sockets)
                .put("accounts", Math.min(sockets, accounts.size()))
                .put("connected", connected)
                .put("connect_seconds", round(connectSeconds))
                .put("write", write)
                .put("rate", rate)
                .put("seconds", seconds)
                .put("events_sent", sent.get())
                .put("events_committed", written.size())
                .put("write_failures", writeFailures.get())
                .put("deliveries_expected", expected)
                .put("delivered", delivered)
                .put("lost", lost)
                .put("unreachable_events", unreachable)
                .put("not_addressed", notAddressed)
                .put("duplicated", duplicated)
                .put("p50_ms", ms(fromCreatedAt, 50))
                .put("p99_ms", ms(fromCreatedAt, 99))
                .put("max_ms", fromCreatedAt.getTotalCount() == 0 ? 0 : round(fromCreatedAt.getMaxValue() / 1000.0))
                .put("from_post_sent_p50_ms", ms(fromPostSent, 50))
                .put("from_post_sent_p99_ms", ms(fromPostSent, 99))
                .put("replayed_max_ms_from_write", catchUp.getTotalCount() == 0 ? 0 : round(catchUp.getMaxValue() / 1000.0))
                .put("rss_before_mb", round(rssBefore / 1024.0))
                .put("rss_after_mb", round(rssAfter / 1024.0))
                .put("rss_mb_per_1k_sockets", round(rssPer1k))
                .put("live_heap_before_mb", round(heapBefore / 1024.0))
                .put("live_heap_after_mb", round(heapAfter / 1024.0))
                .put("live_heap_mb_per_1k_sockets", round(heapPer1k))
                .put("resumed", reconnected)
                .put("gaps", resumedGaps)
                .put("gaps_all_sockets", gaps)
                .put("notes", String.join("; ", notes));
        Files.writeString(out, result.encode());
        log("%s", result.encodePrettily());

        List<Future<Void>> closes = new ArrayList<>();
        for (Sock s : socks) {
            if (s.ws != null) {
                WebSocket ws = s.ws;
                s.ws = null;
                closes.add(ws.close());
            }
        }
        Future.join(closes).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        writer.close();
        pool.close();
    }

    /** Expected deliveries not yet seen (a cheap count used only to decide when to stop draining). */
    private static long missing(Map<String, Written> written, Map<String, List<Sock>> byPatient,
                                Map<String, Set<String>> inboxOf) {
        long missing = 0;
        Map<Sock, Set<String>> seen = new HashMap<>();
        for (Written w : written.values()) {
            for (Sock s : byPatient.get(w.patientId())) {
                if (!s.everConnected || !inboxOf.getOrDefault(w.resourceId(), Set.of()).contains(s.account.accountId())) {
                    continue;
                }
                Set<String> resources = seen.computeIfAbsent(s, k -> {
                    Set<String> r = new HashSet<>();
                    s.messages.forEach(m -> r.add(m.resourceId()));
                    return r;
                });
                if (!resources.contains(w.resourceId())) {
                    missing++;
                }
            }
        }
        return missing;
    }

    private int connectAll(WebSocketClient client, List<Sock> socks, boolean resume) throws InterruptedException {
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        int batch = 250;
        for (int from = 0; from < socks.size(); from += batch) {
            List<Sock> part = socks.subList(from, Math.min(socks.size(), from + batch));
            CountDownLatch done = new CountDownLatch(part.size());
            for (Sock s : part) {
                String uri = "/api/v1/notifications/ws";
                if (resume) {
                    uri += "?after=" + Math.max(0, s.lastSeq.get());
                }
                WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(host).setPort(port).setURI(uri)
                        .addHeader("Authorization", "Bearer " + s.account.patientToken());
                client.connect(options).onComplete(ar -> {
                    if (ar.succeeded()) {
                        WebSocket ws = ar.result();
                        s.ws = ws;
                        s.everConnected = true;
                        if (resume) {
                            s.reconnectedAtMicros = nowMicros();
                        }
                        ws.textMessageHandler(text -> onFrame(s, text));
                        ws.closeHandler(v -> {
                            if (s.ws == ws) {
                                s.closedUnexpectedly = true;
                            }
                        });
                        ok.incrementAndGet();
                    } else if (failures.incrementAndGet() <= 3) {
                        notes.add("connect failed: " + ar.cause().getMessage());
                    }
                    done.countDown();
                });
            }
            if (!done.await(60, TimeUnit.SECONDS)) {
                notes.add("connect batch timed out");
            }
        }
        return ok.get();
    }

    private void onFrame(Sock s, String text) {
        long received = nowMicros();
        try {
            JsonObject json = new JsonObject(text);
            Long seq = json.getValue("seq") instanceof Number n ? n.longValue() : null;
            if (seq != null) {
                s.lastSeq.accumulateAndGet(seq, Math::max);
            }
            Instant createdAt = null;
            String created = json.getString("createdAt");
            if (created != null) {
                createdAt = OffsetDateTime.parse(created).toInstant();
            }
            s.messages.add(new Msg(seq, json.getString("id"), json.getString("patientId"), json.getString("resourceId"),
                    createdAt, received));
        } catch (RuntimeException e) {
            badFrames.incrementAndGet();
        }
    }

    interface EventWriter {
        /** Commits one event for this account's patient; the result is its resourceId. */
        Future<String> write(Account account);

        default void close() {
        }
    }

    /** The real path: POST a chart entry as the patient's care-team provider (or records staff). */
    final class PostWriter implements EventWriter {
        private final HttpClient http = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(64).setKeepAlive(true));
        private final String body;

        PostWriter(String body) {
            this.body = body;
        }

        @Override
        public Future<String> write(Account account) {
            RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setHost(host).setPort(port)
                    .setURI("/api/v1/patients/" + account.patientId() + "/chart/entries")
                    .putHeader("Authorization", "Bearer " + account.writerToken())
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Accept", "application/json")
                    .putHeader("Idempotency-Key", UUID.randomUUID().toString());
            return http.request(request)
                    .compose(req -> req.send(Buffer.buffer(body)))
                    .compose(resp -> resp.body().map(b -> {
                        if (resp.statusCode() / 100 != 2) {
                            throw new IllegalStateException("POST answered " + resp.statusCode());
                        }
                        String id = null;
                        try {
                            id = new JsonObject(b).getString("id");
                        } catch (RuntimeException e) {
                            // fall back to Location
                        }
                        if (id == null && resp.getHeader("Location") != null) {
                            String location = resp.getHeader("Location");
                            id = location.substring(location.lastIndexOf('/') + 1);
                        }
                        return id;
                    }));
        }
    }

    /**
     * Events written by SQL exactly as the service's publisher (notification.Events.publish) writes them, in
     * one transaction: the event row, then notification_fan_out to the people who hear of the patient (own
     * accounts, active proxies, active care team), which bumps their counters and writes their inbox rows;
     * the inbox trigger's NOTIFY at commit starts delivery. Measures the delivery path without HTTP, auth,
     * the chart write or its audit.
     */
    final class SqlWriter implements EventWriter {
        private final Pool pool;

        SqlWriter(Pool pool) {
            this.pool = pool;
        }

        @Override
        public Future<String> write(Account account) {
            String resourceId = UUID.randomUUID().toString();
            UUID eventId = UUID.randomUUID();
            UUID patientId = UUID.fromString(account.patientId());
            return pool.withTransaction(conn -> conn.preparedQuery("""
                            insert into notification_event (id, patient_id, kind, category, resource_id, title, actor_id)
                            values ($1, $2, 'entry.added', 'observation', $3, 'New observation', null)
                            """).execute(Tuple.of(eventId, patientId, resourceId))
                    .compose(inserted -> conn.preparedQuery("""
                            select notification_fan_out($1, array(
                                select a.id from account a where a.patient_id = $2
                                union select pl.proxy_account_id from proxy_link pl where pl.patient_id = $2
                                   and pl.starts_at <= now() and (pl.ends_at is null or pl.ends_at > now())
                                union select c.provider_id from care_team_member c where c.patient_id = $2
                                   and c.starts_at <= now() and (c.ends_at is null or c.ends_at > now())))
                            """).execute(Tuple.of(eventId, patientId))))
                    .map(rows -> resourceId);
        }
    }

    /** Which accounts' inboxes each written event reached (resource id -> account ids), read after the run. */
    private Map<String, Set<String>> inboxes(Pool pool, Set<String> resourceIds) throws Exception {
        Map<String, Set<String>> reached = new HashMap<>();
        List<String> ids = new ArrayList<>(resourceIds);
        for (int from = 0; from < ids.size(); from += 1000) {
            String[] part = ids.subList(from, Math.min(ids.size(), from + 1000)).toArray(String[]::new);
            var rows = pool.preparedQuery("""
                            select e.resource_id, i.account_id from notification_event e
                              join notification_inbox i on i.event_id = e.id
                             where e.resource_id = any($1)
                            """).execute(Tuple.of((Object) part))
                    .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            rows.forEach(r -> reached.computeIfAbsent(r.getString(0), k -> new HashSet<>()).add(r.getUUID(1).toString()));
        }
        return reached;
    }

    private static List<Account> readAccounts(Path tokens, int limit) throws Exception {
        List<Account> accounts = new ArrayList<>();
        for (String line : Files.readAllLines(tokens)) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 6) {
                accounts.add(new Account(f[0], f[1], f[3], f[5]));
            }
            if (accounts.size() >= limit) {
                break;
            }
        }
        if (accounts.isEmpty()) {
            throw new IllegalStateException("no tokens in " + tokens);
        }
        return accounts;
    }

    private static long rssKb(String pid) {
        if (pid == null) {
            return 0;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (Exception e) {
            return 0;
        }
        return 0;
    }

    /**
     * The service's live heap after a full GC (jcmd GC.run, then GC.heap_info's "used"), in KB; -1 when jcmd
     * is not at hand. With a fixed, pre-touched heap (-Xms = -Xmx, -XX:+AlwaysPreTouch) RSS no longer grows
     * with the heap, so RSS growth is the sockets' native cost and this is their heap cost.
     */
    private static long liveHeapKb(String pid) {
        if (pid == null) {
            return -1;
        }
        try {
            jcmd(pid, "GC.run");
            for (String line : jcmd(pid, "GC.heap_info")) {
                var m = java.util.regex.Pattern.compile("heap\\s+total (\\d+)K, used (\\d+)K").matcher(line);
                if (m.find()) {
                    return Long.parseLong(m.group(2));
                }
            }
        } catch (Exception e) {
            return -1;
        }
        return -1;
    }

    private static List<String> jcmd(String pid, String command) throws Exception {
        Process process = new ProcessBuilder("jcmd", pid, command).redirectErrorStream(true).start();
        List<String> lines = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream())).lines().toList();
        process.waitFor(60, TimeUnit.SECONDS);
        return lines;
    }

    private static long nowMicros() {
        return toMicros(Instant.now());
    }

    private static long toMicros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000;
    }

    private static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : round(h.getValueAtPercentile(percentile) / 1000.0);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static void log(String format, Object... args) {
        System.out.printf("[ws-client] " + format + "%n", args);
    }
}
