package org.carechart.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * HIPAA Safe Harbor de-identification (45 CFR 164.514(b)(2)) of one FHIR R4 resource, for registries with
 * no treatment relationship. Of the 18 identifier kinds:
 * <ol>
 * <li>names: every HumanName ({@code name} arrays) removed; reference displays (they carry names) removed;</li>
 * <li>geography below the state: addresses keep only state and country;</li>
 * <li>dates: every date, dateTime and period reduced to its year; instants ({@code meta.lastUpdated}) removed;
 *     a birth year of someone 90 or older is removed and the age given as the group "90+";</li>
 * <li>-6. telephone, fax, email: every {@code telecom} removed;</li>
 * <li>-11. SSN, MRN, plan, account, licence numbers: every identifier value replaced by a pseudonym;</li>
 * <li>-13. vehicle and device identifiers: {@code serialNumber}, {@code udiCarrier} removed;</li>
 * <li>-15. URLs and IP addresses: attachment URLs and data removed ({@code url} of extensions, which name
 *     definitions, stays);</li>
 * <li>-17. biometrics and photos: {@code photo}, attachments removed;</li>
 * <li>any other unique number or text: resource ids and every reference replaced by the same pseudonyms
 *     (so references stay consistent within and across resources), free text removed (narrative
 *     {@code text}, free-text {@code text} outside a coded concept such as dosage instructions, {@code note}, {@code comment}, {@code description}, {@code valueString}), contacts
 *     ({@code contact}: relatives and employers) removed.</li>
 * </ol>
 * Pseudonyms are HMAC-SHA256 under a key of the recipient's own (HMAC of {@code carechart.quality.pseudonym-secret}
 * and the recipient's client id): stable for one registry across exports, unlinkable between registries.
 * Coded data (codes, values, units, gender, race and ethnicity extensions) stays: that is what a registry needs.
 * Implements the export package's {@code Deidentifier} (applied per resource in de-identified bulk jobs).
 */
@ApplicationScoped
public class SafeHarbor {

    static final String PSEUDONYM_SYSTEM = "urn:carechart:safe-harbor:pseudonym";
    static final String AGE_GROUP_EXTENSION = "http://carechart.org/fhir/StructureDefinition/age-group";
    static final String DATA_ABSENT_REASON = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";

    private static final Pattern DATE = Pattern.compile("^\\d{4}(-\\d{2}(-\\d{2}(T[0-9:.]+(Z|[+-]\\d{2}:\\d{2})?)?)?)?$");
    private static final Pattern LITERAL_REFERENCE = Pattern.compile("^([A-Z][A-Za-z]+)/([A-Za-z0-9\\-.]{1,64})(/_history/.*)?$");
    /** Removed wherever they appear. */
    private static final Set<String> REMOVED = Set.of("telecom", "photo", "contact", "note", "comment", "description",
            "valueString", "serialNumber", "udiCarrier", "lastUpdated", "source", "data", "hash", "title");
    private static final Set<String> ADDRESS_KEPT = Set.of("use", "type", "state", "country");

    @Inject
    QualityConfig config;

    Clock clock = Clock.systemUTC();

    /** A de-identified copy of {@code resource} for the recipient (the input is not changed). */
    public ObjectNode apply(ObjectNode resource, String recipientClientId) {
        if (recipientClientId == null || recipientClientId.isBlank()) {
            throw new IllegalArgumentException("a recipient is required: pseudonyms are per registry");
        }
        byte[] key = hmac(config.pseudonymSecret().getBytes(StandardCharsets.UTF_8),
                "carechart-safe-harbor:" + recipientClientId);
        return deidentify(resource, key, LocalDate.now(clock.withZone(ZoneOffset.UTC)).getYear());
    }

    static ObjectNode deidentify(ObjectNode resource, byte[] key, int thisYear) {
        ObjectNode copy = resource.deepCopy();
        String type = copy.path("resourceType").asText("");
        walk(copy, key, thisYear);
        if (copy.hasNonNull("id") && !type.isEmpty()) {
            copy.put("id", pseudonym(key, type + "/" + resource.get("id").asText()));
        }
        if ("Patient".equals(type) || "RelatedPerson".equals(type) || "Person".equals(type)) {
            ageOver89(copy, resource, thisYear);
        }
        // a narrative is free text written for people: it goes whole
        copy.remove("text");
        return copy;
    }

    private static void ageOver89(ObjectNode copy, ObjectNode original, int thisYear) {
        String birth = original.path("birthDate").asText("");
        if (birth.length() >= 4 && thisYear - Integer.parseInt(birth.substring(0, 4)) > 89) {
            copy.remove("birthDate");
            ObjectNode absent = copy.putObject("_birthDate");
            ArrayNode extensions = absent.putArray("extension");
            extensions.addObject().put("url", DATA_ABSENT_REASON).put("valueCode", "masked");
            copy.withArray("extension").addObject().put("url", AGE_GROUP_EXTENSION).put("valueString", "90+");
        }
    }

    private static void walk(JsonNode node, byte[] key, int thisYear) {
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode item = array.get(i);
                if (item.isTextual() && DATE.matcher(item.asText()).matches()) {
                    array.set(i, TextNode.valueOf(item.asText().substring(0, 4)));
                } else {
                    walk(item, key, thisYear);
                }
            }
            return;
        }
        if (!(node instanceof ObjectNode object)) {
            return;
        }
        if (object.hasNonNull("reference") && object.get("reference").isTextual()) {
            object.put("reference", reference(key, object.get("reference").asText()));
            object.remove("display");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        List<String> names = new java.util.ArrayList<>();
        fields.forEachRemaining(f -> names.add(f.getKey()));
        for (String name : names) {
            JsonNode value = object.get(name);
            if (REMOVED.contains(name) || "name".equals(name) && value.isArray() || "url".equals(name) && isAttachment(object)
                    || "text".equals(name) && (value.isObject() || !object.has("coding"))) {
                object.remove(name);
            } else if ("address".equals(name)) {
                generalise(object, value);
            } else if ("fullUrl".equals(name) && value.isTextual()) {
                object.put(name, reference(key, value.asText()));
            } else if ("identifier".equals(name)) {
                pseudonymise(value, key);
            } else if ("resource".equals(name) && value.isObject() && value.has("resourceType")) {
                object.set(name, deidentify((ObjectNode) value, key, thisYear));
            } else if (value.isTextual() && !"url".equals(name) && !"system".equals(name) && !"reference".equals(name)
                    && DATE.matcher(value.asText()).matches() && value.asText().length() > 4) {
                object.put(name, value.asText().substring(0, 4));
            } else if (value.isContainerNode()) {
                walk(value, key, thisYear);
            }
        }
    }

    private static boolean isAttachment(ObjectNode object) {
        return object.has("contentType") || object.has("size") || object.has("creation");
    }

    private static void generalise(ObjectNode parent, JsonNode address) {
        List<JsonNode> addresses = address.isArray() ? List.copyOf(toList((ArrayNode) address)) : List.of(address);
        ArrayNode kept = parent.arrayNode();
        for (JsonNode a : addresses) {
            if (!a.isObject()) {
                continue;
            }
            ObjectNode k = parent.objectNode();
            a.fields().forEachRemaining(f -> {
                if (ADDRESS_KEPT.contains(f.getKey())) {
                    k.set(f.getKey(), f.getValue());
                }
            });
            if (k.has("state") || k.has("country")) {
                kept.add(k);
            }
        }
        if (kept.isEmpty()) {
            parent.remove("address");
        } else if (address.isArray()) {
            parent.set("address", kept);
        } else {
            parent.set("address", kept.get(0));
        }
    }

    private static List<JsonNode> toList(ArrayNode array) {
        List<JsonNode> items = new java.util.ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private static void pseudonymise(JsonNode identifiers, byte[] key) {
        List<JsonNode> items = identifiers.isArray() ? toList((ArrayNode) identifiers) : List.of(identifiers);
        for (JsonNode item : items) {
            if (item instanceof ObjectNode identifier) {
                String original = identifier.path("system").asText("") + "|" + identifier.path("value").asText("");
                identifier.removeAll();
                identifier.put("system", PSEUDONYM_SYSTEM);
                identifier.put("value", pseudonym(key, "identifier:" + original));
            }
        }
    }

    private static String reference(byte[] key, String reference) {
        if (reference.startsWith("#")) {
            return reference; // a contained resource
        }
        if (reference.startsWith("urn:uuid:")) {
            return "urn:uuid:" + uuidLike(pseudonym(key, reference));
        }
        String local = reference.contains("/fhir/r4/") ? reference.substring(reference.indexOf("/fhir/r4/") + 9) : reference;
        var m = LITERAL_REFERENCE.matcher(local);
        if (m.matches()) {
            return m.group(1) + "/" + pseudonym(key, m.group(1) + "/" + m.group(2));
        }
        return "urn:uuid:" + uuidLike(pseudonym(key, reference)); // anything else: no original text survives
    }

    private static String uuidLike(String hex) {
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-" + hex.substring(16, 20)
                + "-" + hex.substring(20, 32);
    }

    /** 32 hex characters (128 bits of HMAC-SHA256): a valid FHIR id, stable per key. */
    static String pseudonym(byte[] key, String original) {
        return HexFormat.of().formatHex(hmac(key, original), 0, 16);
    }

    private static byte[] hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
