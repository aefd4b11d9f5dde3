package org.carechart.audit;

import org.carechart.audit.AuditRepository.AuditRow;
import org.carechart.audit.api.AccessLogItem;
import org.carechart.audit.api.AccessLogItem.AccessLogActor;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns an audit event into a line a patient can read: "Dr. Hannah Lee (provider) viewed your
 * medications — as a member of your care team". Names and roles, never internal ids.
 */
final class PlainWords {

    private static final List<String> ROLE_ORDER = List.of("provider", "staff", "admin", "app", "patient");

    private static final Map<String, String> WHAT = Map.ofEntries(
            Map.entry("chart", "chart summary"),
            Map.entry("chart-entry", "chart entries"),
            Map.entry("chart-document", "documents"),
            Map.entry("encounter", "visits"),
            Map.entry("condition", "conditions"),
            Map.entry("medication", "medications"),
            Map.entry("allergy", "allergies"),
            Map.entry("immunization", "immunizations"),
            Map.entry("procedure", "procedures"),
            Map.entry("coverage", "insurance coverage"),
            Map.entry("observation", "test results"),
            Map.entry("note", "visit notes"),
            Map.entry("document", "documents"),
            Map.entry("demographics", "personal details"),
            Map.entry("patient", "personal details"),
            Map.entry("care-team", "care team"),
            Map.entry("proxy", "proxies"),
            Map.entry("grant", "sharing permissions"),
            Map.entry("share-link", "share links"),
            Map.entry("disclosure", "accounting of disclosures"),
            Map.entry("amendment", "amendment requests"),
            Map.entry("break-glass", "chart"),
            Map.entry("audit-log", "access log"));

    private PlainWords() {
    }

    /**
     * @param reader  the account reading the log (their own actions are marked "you")
     * @param self    the reader is the patient
     * @param name    the patient's given name, for readers who are not the patient
     */
    static AccessLogItem describe(AuditRow event, UUID reader, boolean self, String name) {
        boolean you = reader != null && reader.equals(event.actorId());
        boolean linkHolder = "share-link".equals(event.basis()) && event.actorId() == null;
        String role = "proxy".equals(event.basis()) ? "proxy" : linkHolder ? "link holder" : primaryRole(event.actorRoles());
        String actorName = event.actorName() == null ? "Someone" : event.actorName();
        String owner = self ? "your" : name + "'s";
        String what = what(event.resourceType());
        boolean refused = !"success".equals(event.outcome());

        String who = you ? "You" : withRole(actorName, role);
        String did = refused ? "tried to " + infinitive(event.action(), owner, what) + " and was refused"
                : "verification".equals(event.resourceId()) ? "checked the integrity of " + owner + " " + what
                : linkHolder ? "viewed the part of " + owner + " chart the link shares"
                : sharing(event.action(), event.resourceType(), owner)
                        .orElseGet(() -> pastTense(event.action(), owner, what));
        String why = refused ? null : basis(event.basis(), self, name);
        String summary = who + " " + did + (why == null ? "" : " — " + why);
        return new AccessLogItem(event.id(), event.occurredAt(), new AccessLogActor(actorName, role, you),
                event.action(), what, refused ? null : event.basis(), event.outcome(), summary);
    }

    /** "Dr. Hannah Lee (provider)"; a name that already ends in a parenthesis takes the role inside it. */
    static String withRole(String name, String role) {
        if (name.endsWith(")") && name.contains("(")) {
            return name.substring(0, name.length() - 1) + ", " + role + ")";
        }
        return name + " (" + role + ")";
    }

    static String primaryRole(List<String> roles) {
        for (String role : ROLE_ORDER) {
            if (roles.contains(role)) {
                return role;
            }
        }
        return "user";
    }

    static String what(String resourceType) {
        if (resourceType == null) {
            return "chart";
        }
        return WHAT.getOrDefault(resourceType, resourceType.replace('-', ' '));
    }

    /** Granting and linking say what they gave, not "shared your share links". */
    private static Optional<String> sharing(String action, String resourceType, String owner) {
        String done = switch (action + " " + resourceType) {
            case "share grant" -> "granted access to " + owner + " chart";
            case "revoke grant" -> "withdrew access to " + owner + " chart";
            case "share share-link" -> "created a share link to " + owner + " chart";
            case "revoke share-link" -> "revoked a share link to " + owner + " chart";
            case "login oauth-token" -> "received an access token to " + owner + " chart";
            case "token-refresh oauth-token" -> "renewed its access token to " + owner + " chart";
            default -> null;
        };
        return Optional.ofNullable(done);
    }

    private static String pastTense(String action, String owner, String what) {
        return switch (action) {
            case "read" -> "viewed " + owner + " " + what;
            case "search" -> "searched " + owner + " " + what;
            case "create" -> "added to " + owner + " " + what;
            case "update" -> "changed " + owner + " " + what;
            case "retract" -> "marked an entry in " + owner + " " + what + " as entered in error";
            case "share" -> "shared " + owner + " " + what;
            case "revoke" -> "revoked access to " + owner + " " + what;
            case "export" -> "exported " + owner + " " + what;
            case "break-glass" -> "opened " + owner + " chart with emergency access";
            default -> action.replace('-', ' ') + " (" + owner + " " + what + ")";
        };
    }

    private static String infinitive(String action, String owner, String what) {
        return switch (action) {
            case "read" -> "view " + owner + " " + what;
            case "search" -> "search " + owner + " " + what;
            case "create" -> "add to " + owner + " " + what;
            case "update" -> "change " + owner + " " + what;
            case "retract" -> "retract an entry in " + owner + " " + what;
            case "share" -> "share " + owner + " " + what;
            case "revoke" -> "revoke access to " + owner + " " + what;
            case "export" -> "export " + owner + " " + what;
            case "break-glass" -> "open " + owner + " chart with emergency access";
            default -> action.replace('-', ' ') + " " + owner + " " + what;
        };
    }

    private static String basis(String basis, boolean self, String name) {
        if (basis == null) {
            return null;
        }
        String owner = self ? "your" : name + "'s";
        String subject = self ? "you" : name;
        return switch (basis) {
            case "self" -> "as the patient";
            case "proxy" -> "as " + owner + " proxy";
            case "care-team" -> "as a member of " + owner + " care team";
            case "staff" -> "as records staff of " + owner + " clinic";
            case "grant" -> "under access " + subject + " granted";
            case "share-link" -> "through a share link " + subject + " created";
            case "break-the-glass" -> "using emergency (break-the-glass) access";
            case "admin" -> "as a portal administrator";
            default -> null;
        };
    }
}
