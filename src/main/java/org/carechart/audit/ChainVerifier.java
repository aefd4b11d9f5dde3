package org.carechart.audit;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.carechart.audit.AuditChainRepository.ChainRow;
import org.carechart.audit.api.VerificationReport;
import org.carechart.audit.api.VerificationReport.BrokenLink;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Walks the chains batch by batch and recomputes every link: the sequence has no gap, each event
 * names its predecessor's hash, its own hash matches its content, and the chain ends where its head
 * says (so deleting the newest events is caught too). Stops at the first broken link.
 */
@ApplicationScoped
public class ChainVerifier {

    static final int BATCH_SIZE = 1000;
    private static final byte[] EMPTY = new byte[0];

    @Inject
    AuditChainRepository chains;

    @Inject
    AuditSealer sealer;

    @Inject
    AuditChainKey key;

    /**
     * Every chain, or with {@code patientId} only that patient's. Seals what is pending first, so the
     * walk covers every event written before the call.
     */
    public Uni<VerificationReport> verify(UUID patientId) {
        String onlyChain = patientId == null ? null : patientId.toString();
        Walk walk = new Walk(key);
        return sealer.drain().chain(() -> next(walk, "", 0, onlyChain))
                .chain(report -> report != null ? Uni.createFrom().item(report)
                        : chains.headWithoutSeals(onlyChain).chain(missing -> missing != null
                                ? Uni.createFrom().item(walk.broken(new BrokenLink(missing[0], Long.parseLong(missing[1]), null, "chain-missing")))
                                : chains.lostFromQueue(onlyChain).map(lost -> lost == null ? walk.intact()
                                        : walk.broken(new BrokenLink(lost[1], 0, UUID.fromString(lost[0]), "unsealed")))));
    }

    private Uni<VerificationReport> next(Walk walk, String afterKey, long afterSeq, String onlyChain) {
        return chains.batchAfter(afterKey, afterSeq, onlyChain, BATCH_SIZE).chain(batch -> {
            BrokenLink broken = walk.check(batch);
            if (broken != null) {
                return Uni.createFrom().item(walk.broken(broken));
            }
            if (batch.size() < BATCH_SIZE) {
                BrokenLink end = walk.endOfChain();
                return Uni.createFrom().item(end == null ? null : walk.broken(end));
            }
            ChainRow last = batch.get(batch.size() - 1);
            return next(walk, last.chainKey(), last.chainSeq(), onlyChain);
        });
    }

    /** The state of one walk over the trail. */
    static final class Walk {
        private final AuditChainKey key;
        private long events;
        private long chainCount;
        private ChainRow previous;

        Walk(AuditChainKey key) {
            this.key = key;
        }

        BrokenLink check(List<ChainRow> batch) {
            for (ChainRow row : batch) {
                BrokenLink broken = check(row);
                if (broken != null) {
                    return broken;
                }
            }
            return null;
        }

        private BrokenLink check(ChainRow row) {
            boolean firstOfChain = previous == null || !previous.chainKey().equals(row.chainKey());
            if (firstOfChain) {
                BrokenLink end = endOfChain();
                if (end != null) {
                    return end;
                }
                chainCount++;
            }
            long expectedSeq = firstOfChain ? 1 : previous.chainSeq() + 1;
            byte[] expectedPrev = firstOfChain ? EMPTY : previous.hash();
            if (row.chainSeq() != expectedSeq) {
                return link(row, "sequence-gap");
            }
            if (!Arrays.equals(row.prevHash(), expectedPrev)) {
                return link(row, "previous-hash-mismatch");
            }
            if (!row.eventPresent()) {
                return link(row, "event-missing");
            }
            if (!row.chainKey().equals(row.eventChainKey())
                    || !Arrays.equals(row.hash(), AuditChain.link(row.alg(), row.prevHash(), row, key))) {
                return link(row, "hash-mismatch");
            }
            events++;
            previous = row;
            return null;
        }

        /** The chain just walked must end where its head (read with its last event) says. */
        BrokenLink endOfChain() {
            if (previous == null) {
                return null;
            }
            Long headSeq = previous.headSeq();
            if (headSeq == null || headSeq != previous.chainSeq() || !Arrays.equals(previous.headHash(), previous.hash())) {
                long seq = headSeq != null && headSeq > previous.chainSeq() ? previous.chainSeq() + 1 : previous.chainSeq();
                return new BrokenLink(previous.chainKey(), seq, seq == previous.chainSeq() ? previous.id() : null,
                        headSeq != null && headSeq > previous.chainSeq() ? "tail-missing" : "head-mismatch");
            }
            return null;
        }

        private static BrokenLink link(ChainRow row, String problem) {
            return new BrokenLink(row.chainKey(), row.chainSeq(), row.id(), problem);
        }

        VerificationReport intact() {
            return new VerificationReport(true, events, chainCount, null);
        }

        VerificationReport broken(BrokenLink link) {
            return new VerificationReport(false, events, chainCount, link);
        }
    }
}
