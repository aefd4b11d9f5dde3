package org.carechart.notification;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.carechart.common.Cursor;
import org.carechart.common.Page;
import org.carechart.common.ProblemException;
import org.carechart.identity.Caller;
import org.carechart.identity.Role;
import org.carechart.notification.api.DeliveryView;
import org.carechart.notification.api.WebhookCreated;
import org.carechart.notification.api.WebhookRequest;
import org.carechart.notification.api.WebhookView;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** An app's webhook subscriptions and their delivery log; an app sees only its own. */
@ApplicationScoped
public class WebhookService {

    private static final Set<String> KINDS = Arrays.stream(EventKind.values()).map(EventKind::code).collect(Collectors.toSet());

    @Inject
    WebhookRepository repository;

    @Inject
    UrlGuard urlGuard;

    public Uni<WebhookCreated> register(Caller caller, WebhookRequest request) {
        UUID app = requireApp(caller);
        List<String> kinds = request.kinds() == null ? List.of() : request.kinds().stream().distinct().sorted().toList();
        for (String kind : kinds) {
            if (!KINDS.contains(kind)) {
                throw ProblemException.invalid("kinds", "unknown event kind; known: " + KINDS.stream().sorted().toList());
            }
        }
        String secret = WebhookSigner.newSecret();
        return urlGuard.check(request.url())
                .chain(target -> repository.insert(UUID.randomUUID(), app, target.uri().toString(), kinds, secret))
                .map(view -> new WebhookCreated(view.id(), view.url(), view.kinds(), secret, view.createdAt()));
    }

    public Uni<List<WebhookView>> list(Caller caller) {
        return repository.list(requireApp(caller));
    }

    public Uni<WebhookView> get(Caller caller, UUID id) {
        return repository.find(requireApp(caller), id).onItem().ifNull().failWith(ProblemException::notFound);
    }

    public Uni<Void> delete(Caller caller, UUID id) {
        return repository.delete(requireApp(caller), id)
                .chain(deleted -> deleted ? Uni.createFrom().voidItem() : Uni.createFrom().failure(ProblemException.notFound()));
    }

    public Uni<Page<DeliveryView>> deliveries(Caller caller, UUID id, String cursor, int limit) {
        Cursor after = Cursor.decode(cursor);
        return get(caller, id)
                .chain(hook -> repository.deliveries(hook.id(), after == null ? null : after.at(),
                        after == null ? null : after.id(), limit + 1))
                .map(rows -> {
                    if (rows.size() <= limit) {
                        return new Page<>(rows, null);
                    }
                    List<DeliveryView> page = rows.subList(0, limit);
                    DeliveryView last = page.get(page.size() - 1);
                    return new Page<>(page, new Cursor(last.createdAt(), last.id()).encode());
                });
    }

    public Uni<DeliveryView> redeliver(Caller caller, UUID id, UUID deliveryId) {
        return get(caller, id)
                .chain(hook -> repository.redeliver(hook.id(), deliveryId))
                .onItem().ifNull().failWith(ProblemException::notFound);
    }

    private static UUID requireApp(Caller caller) {
        if (caller.isAnonymous() || !caller.has(Role.APP)) {
            throw ProblemException.forbidden("Only apps may manage webhooks.");
        }
        return caller.accountId();
    }
}
