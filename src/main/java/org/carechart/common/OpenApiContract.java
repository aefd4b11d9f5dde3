package org.carechart.common;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What every operation of the published contract shares, added in one place at build time so the
 * resources say only what is theirs: the security schemes (and which operations are public), the
 * problem+json body of every error, the rate-limit headers and 429, the one relative server, and the
 * bounds of strings, numbers and lists that the server holds to. docs/api.md explains each to third parties.
 *
 * <p>Resources mark an operation whose token is optional with the extension {@code x-auth: optional}.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class OpenApiContract implements OASFilter {

    /** The security schemes: the bearer token here, and the OAuth 2.0 scheme with every flow ({@code oauth.OAuthSpec}, which knows the scopes). */
    public static final String OAUTH2 = "oauth2";
    static final String BEARER = "bearer";
    public static final String TOKEN_URL = "/api/v1/auth/token";
    /** The SMART authorization server's endpoints (oauth.AuthorizeResource, oauth.TokenEndpointResource). */

    /** The longest free text any field carries (a chart note's body); fields with their own limit say so. */
    static final int TEXT_MAX = 20_000;
    /** Bytes of a document (carechart.chart.document-max-size, 10 MB by default). */
    static final int DOCUMENT_MAX = 10 * 1024 * 1024;
    /** Lists without a page: at most this many items (categories, roles, summary sections ...). */
    static final int LIST_MAX = 1_000;

    private static final String CORS = "Access-Control-Allow-Origin";
    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    @Override
    public void filterOpenAPI(OpenAPI api) {
        api.setServers(List.of(OASFactory.createServer().url("/")
                .description("The server this document is served from (production, staging or a local instance): "
                        + "paths are relative to it")
                .addExtension("x-internal", false)));
        Components components = api.getComponents() == null ? OASFactory.createComponents() : api.getComponents();
        api.setComponents(components);
        securitySchemes(components);
        headers(components);
        responses(components);
        problemSchema(components);
        instantSchema(components);
        pageSchemas(api, components);
        jwkSetSchema(components);
        pageExamples(components);

        if (api.getPaths() != null && api.getPaths().getPathItems() != null) {
            api.getPaths().getPathItems().forEach((path, item) -> item.getOperations()
                    .forEach((method, operation) -> operation(operation)));
        }
        if (components.getSchemas() != null) {
            components.getSchemas().values().forEach(schema -> bound(schema, null));
            components.removeSchema("LocalDate");
            components.removeSchema("Page"); // the generic record itself; every list names its PageX
        }
    }

    private static void securitySchemes(Components components) {
        components.addSecurityScheme(BEARER, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description("An RS256 JWT access token, from the token endpoint or from the identity provider a "
                        + "deployment trusts (its JWKS). Verified as RFC8725 (JWT best current practices) asks: "
                        + "fixed algorithm, issuer, audience, expiry with 30 s of skew, no jku/x5u/jwk headers. "
                        + "Access tokens live 5 minutes by default (expires_in says how long); refresh them with the refresh token."));
    }

    private static void headers(Components components) {
        header(components, "ETag", "The version of this representation (RFC 9110). Send it back in If-None-Match "
                + "to get 304 when nothing changed, or in If-Match to update exactly this version.",
                string(200));
        header(components, "Location", "The URL of what was created", string(2000).format("uri-reference"));
        header(components, "Retry-After", "Seconds to wait before trying again", integer(0, 86_400));
        header(components, "RateLimit", "The caller's remaining quota for this operation, as the IETF RateLimit "
                + "header fields draft gives it (e.g. `\"default\";r=42;t=30`): present when the deployment limits "
                + "this operation. See docs/api.md, \"Rate limits\".", string(200));
        header(components, "RateLimit-Policy", "The quota policy (e.g. `\"default\";q=100;w=60`), present with "
                + "RateLimit", string(200));
        header(components, CORS, "Present only when the deployment lets browser apps of other origins call it "
                + "(QUARKUS_HTTP_CORS_ORIGINS); absent by default", string(2000));
    }

    private static void header(Components components, String name, String description, Schema schema) {
        components.addHeader(name, OASFactory.createHeader().description(description).schema(schema));
    }

    private static void responses(Components components) {
        components.addResponse("Unauthorized", problem("No valid access token (WWW-Authenticate names the scheme)")
                .addHeader("WWW-Authenticate", OASFactory.createHeader()
                        .description("`Bearer realm=\"carechart\"`").schema(string(500)))
                .addHeader("RateLimit", headerRef("RateLimit"))
                .addHeader(CORS, headerRef(CORS)));
        components.addResponse("TooManyRequests", problem("Too many requests: wait Retry-After seconds")
                .addHeader("Retry-After", headerRef("Retry-After"))
                .addHeader("RateLimit", headerRef("RateLimit"))
                .addHeader("RateLimit-Policy", headerRef("RateLimit-Policy"))
                .addHeader(CORS, headerRef(CORS)));
        components.addResponse("InternalError", problem("Something failed on the server; the detail carries a "
                + "reference to quote, never the cause"));
    }

    private static APIResponse problem(String description) {
        return OASFactory.createAPIResponse().description(description).content(problemContent());
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF)));
    }

    private static Header headerRef(String name) {
        return OASFactory.createHeader().ref(name);
    }

    /** RFC 9457 problem document: what each member means, and the stable types. */
    private static void problemSchema(Components components) {
        Schema problem = components.getSchemas() == null ? null : components.getSchemas().get("Problem");
        if (problem == null) {
            return;
        }
        problem.description("An RFC 9457 problem document. Switch on `type`; `detail` is for people.")
                .required(List.of("type", "title", "status"));
        Map<String, Schema> properties = problem.getProperties();
        properties.get("type").format("uri").maxLength(200)
                .description("Stable: " + Problem.TYPE_BASE + "{slug}, e.g. not-found, validation, "
                        + "precondition-failed, too-many-requests")
                .examples(List.of(ProblemType.NOT_FOUND.uri()));
        properties.get("title").maxLength(200).examples(List.of("Not found"));
        properties.get("status").minimum(java.math.BigDecimal.valueOf(400)).maximum(java.math.BigDecimal.valueOf(599))
                .examples(List.of(404));
        properties.get("detail").maxLength(2000).examples(List.of("No such resource, or it is not yours to see."));
        properties.get("instance").maxLength(2000).format("uri-reference").description("The path that was asked for");
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", ProblemType.NOT_FOUND.uri());
        example.put("title", "Not found");
        example.put("status", 404);
        example.put("detail", "No such resource, or it is not yours to see.");
        example.put("instance", "/api/v1/patients/0b8e4d2a-5f6c-4a1b-8e3d-9c7f2a1b6d50/chart/entries/6f1c2a9e-0b7d-4c1e-9a55-3d2f8e7b1c40");
        problem.examples(List.of(example));
        Schema errors = properties.get("errors");
        errors.maxItems(100).description("For validation problems: each invalid field and what is wrong");
    }

    /** The embedded issuer's keys: RSA public keys for RS256 (RFC 7517, RFC 7518 section 6.3.1). */
    private static void jwkSetSchema(Components components) {
        Schema key = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .required(List.of("kty", "kid", "n", "e"))
                .addProperty("kty", OASFactory.createSchema().addType(Schema.SchemaType.STRING).enumeration(List.of("RSA")))
                .addProperty("kid", string(100).description("RFC 7638 thumbprint (SHA-256, base64url)"))
                .addProperty("use", OASFactory.createSchema().addType(Schema.SchemaType.STRING).enumeration(List.of("sig")))
                .addProperty("alg", OASFactory.createSchema().addType(Schema.SchemaType.STRING).enumeration(List.of("RS256")))
                .addProperty("n", string(2000).pattern("^[A-Za-z0-9_-]+$").description("modulus, base64url"))
                .addProperty("e", string(20).pattern("^[A-Za-z0-9_-]+$").description("exponent, base64url"));
        components.addSchema("JwkSet", OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("A JSON Web Key set (RFC 7517)").required(List.of("keys"))
                .addProperty("keys", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).maxItems(10).items(key)));
    }

    private static void instantSchema(Components components) {
        Schema instant = components.getSchemas() == null ? null : components.getSchemas().get("Instant");
        if (instant != null) {
            instant.description("An ISO-8601 instant. Carechart sends UTC with exactly three fractional digits "
                    + "(milliseconds); it accepts any offset and precision.")
                    .examples(List.of("2026-12-03T09:15:00.120Z"));
        }
    }

    /**
     * Generic pages ({@code Page<T>}) reached only through {@code Response}-returning resources are named
     * PageT by the annotations; the scanner makes such a schema only for typed returns, so make the missing ones.
     */
    private static void pageSchemas(OpenAPI api, Components components) {
        if (components.getSchemas() == null) {
            return;
        }
        List<String> wanted = new ArrayList<>();
        collectRefs(api.getPaths() == null ? null : api.getPaths().getPathItems(), wanted);
        for (String name : wanted) {
            if (name.startsWith("Page") && !components.getSchemas().containsKey(name)
                    && components.getSchemas().containsKey(name.substring(4))) {
                components.addSchema(name, OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                        .required(List.of("items"))
                        .addProperty("items", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                                .items(OASFactory.createSchema().ref("#/components/schemas/" + name.substring(4))))
                        .addProperty("nextCursor", OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
            }
        }
    }

    /** A page's example is a page of its item's example, so every list that has an item example shows one. */
    private static void pageExamples(Components components) {
        if (components.getSchemas() == null) {
            return;
        }
        components.getSchemas().forEach((name, page) -> {
            if (!name.startsWith("Page") || page.getExamples() != null || page.getProperties() == null
                    || page.getProperties().get("items") == null || page.getProperties().get("items").getItems() == null) {
                return;
            }
            String ref = page.getProperties().get("items").getItems().getRef();
            Schema item = ref == null ? null : components.getSchemas().get(ref.substring(ref.lastIndexOf('/') + 1));
            if (item == null || item.getExamples() == null || item.getExamples().isEmpty()) {
                return;
            }
            Map<String, Object> example = new LinkedHashMap<>();
            example.put("items", List.of(item.getExamples().get(0)));
            example.put("nextCursor", "eyJrIjoiMjAyNi0xMS0yOFQwOToxNTowMC4xMjBaIn0");
            page.examples(List.of(example));
        });
    }

    private static void collectRefs(Map<String, PathItem> paths, List<String> into) {
        if (paths == null) return;
        for (PathItem item : paths.values()) {
            for (Operation operation : item.getOperations().values()) {
                if (operation.getResponses() == null || operation.getResponses().getAPIResponses() == null) continue;
                for (APIResponse response : operation.getResponses().getAPIResponses().values()) {
                    if (response.getContent() == null || response.getContent().getMediaTypes() == null) continue;
                    for (MediaType media : response.getContent().getMediaTypes().values()) {
                        if (media.getSchema() != null && media.getSchema().getRef() != null) {
                            String ref = media.getSchema().getRef();
                            into.add(ref.substring(ref.lastIndexOf('/') + 1));
                        }
                    }
                }
            }
        }
    }

    private static void operation(Operation operation) {
        boolean optionalAuth = operation.getExtensions() != null && "optional".equals(operation.getExtensions().get("x-auth"));
        if (optionalAuth) {
            operation.removeExtension("x-auth");
        }
        List<SecurityRequirement> declared = operation.getSecurity();
        boolean secured = declared != null && !declared.isEmpty();
        if (secured) {
            List<String> roles = new ArrayList<>();
            for (SecurityRequirement requirement : declared) {
                requirement.getSchemes().values().forEach(roles::addAll);
            }
            List<SecurityRequirement> requirements = new ArrayList<>();
            requirements.add(OASFactory.createSecurityRequirement().addScheme(OAUTH2));
            requirements.add(OASFactory.createSecurityRequirement().addScheme(BEARER));
            operation.setSecurity(requirements);
            if (!roles.isEmpty()) {
                operation.addExtension("x-roles", List.copyOf(roles));
                String who = "Only for accounts with the role " + String.join(" or ", roles) + ".";
                operation.description(operation.getDescription() == null ? who : operation.getDescription() + "\n\n" + who);
            }
        } else if (optionalAuth) {
            List<SecurityRequirement> requirements = new ArrayList<>();
            requirements.add(OASFactory.createSecurityRequirement());
            requirements.add(OASFactory.createSecurityRequirement().addScheme(OAUTH2));
            requirements.add(OASFactory.createSecurityRequirement().addScheme(BEARER));
            operation.setSecurity(requirements);
        } else {
            operation.setSecurity(new ArrayList<>());
        }

        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        if (secured) {
            responses.addAPIResponse("401", OASFactory.createAPIResponse().ref("Unauthorized"));
        }
        if (!responses.hasAPIResponse("429")) {
            responses.addAPIResponse("429", OASFactory.createAPIResponse().ref("TooManyRequests"));
        }
        if (!responses.hasAPIResponse("500")) {
            responses.addAPIResponse("500", OASFactory.createAPIResponse().ref("InternalError"));
        }
        // Status codes in order, so the spec reads 2xx, 3xx, 4xx, 5xx.
        Map<String, APIResponse> sorted = new TreeMap<>(responses.getAPIResponses());
        responses.setAPIResponses(new LinkedHashMap<>(sorted));
        sorted.forEach((code, response) -> response(code, response));

        if (operation.getParameters() != null) {
            for (Parameter parameter : operation.getParameters()) {
                if (parameter.getSchema() != null) {
                    bound(parameter.getSchema(), parameter.getName());
                }
            }
        }
        if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null
                && operation.getRequestBody().getContent().getMediaTypes() != null) {
            operation.getRequestBody().getContent().getMediaTypes().values()
                    .forEach(media -> bound(media.getSchema(), null));
        }
    }

    private static void response(String code, APIResponse response) {
        if (response.getRef() != null) {
            return;
        }
        boolean error = code.startsWith("4") || code.startsWith("5");
        if (error && !oauthError(response)) {
            // Every error is a problem document, whatever media type a resource's annotation defaulted to;
            // only the OAuth endpoints answer RFC 6749 errors ({"error": ...}), as OAuth clients expect.
            response.setContent(problemContent());
        } else if (response.getContent() != null && response.getContent().getMediaTypes() != null) {
            if (response.getContent().getMediaTypes().values().stream().allMatch(media -> media.getSchema() == null)) {
                // A media type without a schema is what the scanner writes for a body-less Response: say "no body".
                response.setContent(null);
            } else {
                response.getContent().getMediaTypes().values().forEach(media -> bound(media.getSchema(), null));
            }
        }
        if ("429".equals(code) && (response.getHeaders() == null || !response.getHeaders().containsKey("Retry-After"))) {
            // Every 429 says when to come back, including those a resource describes itself.
            response.addHeader("Retry-After", headerRef("Retry-After"));
        }
        if (code.startsWith("2") || code.startsWith("4")) {
            response.addHeader("RateLimit", headerRef("RateLimit"));
            response.addHeader("RateLimit-Policy", headerRef("RateLimit-Policy"));
        }
        if (response.getHeaders() != null && !response.getHeaders().isEmpty()) {
            response.addHeader(CORS, headerRef(CORS));
        }
    }

    private static boolean oauthError(APIResponse response) {
        return response.getContent() != null && response.getContent().getMediaTypes() != null
                && response.getContent().getMediaTypes().values().stream().anyMatch(media -> media.getSchema() != null
                        && media.getSchema().getRef() != null && media.getSchema().getRef().endsWith("/OAuthError"));
    }

    /**
     * The bounds OWASP API4 asks every schema to state: a string's length, a number's range and a list's
     * size. A schema that states its own is left alone; the rest get what the server holds to everywhere
     * (no text longer than a chart note, counts never negative).
     */
    private static void bound(Schema schema, String name) {
        if (schema == null) {
            return;
        }
        if (schema.getRef() != null) {
            if (schema.getRef().endsWith("/LocalDate")) {
                // A calendar date is a string, not a model: generators take "LocalDate" for a class of their own.
                schema.setRef(null);
                schema.setType(List.of(Schema.SchemaType.STRING));
                schema.setFormat("date");
                schema.setExamples(List.of("1984-03-09"));
            } else {
                // Beside $ref a type says nothing new, and generators warn that they drop it.
                schema.setType(null);
                return;
            }
        }
        List<Schema.SchemaType> types = schema.getType() == null ? List.of() : schema.getType();
        if (types.contains(Schema.SchemaType.STRING) && schema.getMaxLength() == null
                && schema.getEnumeration() == null && schema.getConstValue() == null) {
            String format = schema.getFormat();
            int max = format == null ? TEXT_MAX : switch (format) {
                case "uuid" -> 36;
                case "date" -> 10;
                case "date-time" -> 35;
                case "binary" -> DOCUMENT_MAX;
                default -> TEXT_MAX;
            };
            if (max > 0) {
                schema.setMaxLength(max);
            }
        }
        if (types.contains(Schema.SchemaType.INTEGER)) {
            if (schema.getMinimum() == null && schema.getExclusiveMinimum() == null) {
                schema.setMinimum(java.math.BigDecimal.ZERO);
            }
            if (schema.getMaximum() == null && schema.getExclusiveMaximum() == null) {
                schema.setMaximum(java.math.BigDecimal.valueOf("int32".equals(schema.getFormat())
                        ? Integer.MAX_VALUE : Long.MAX_VALUE));
            }
        }
        if (types.contains(Schema.SchemaType.ARRAY)) {
            if (schema.getMaxItems() == null) {
                schema.setMaxItems(LIST_MAX);
            }
            bound(schema.getItems(), null);
        }
        if (schema.getProperties() != null) {
            schema.getProperties().forEach((property, child) -> bound(child, property));
        }
        if (schema.getAdditionalPropertiesSchema() != null) {
            bound(schema.getAdditionalPropertiesSchema(), null);
        }
        for (List<Schema> group : java.util.Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())) {
            if (group != null) group.forEach(child -> bound(child, null));
        }
    }

    private static Schema string(int maxLength) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).maxLength(maxLength);
    }

    private static Schema integer(long min, long max) {
        return OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32")
                .minimum(java.math.BigDecimal.valueOf(min)).maximum(java.math.BigDecimal.valueOf(max));
    }
}
