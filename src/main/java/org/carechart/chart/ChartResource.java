package org.carechart.chart;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.carechart.chart.api.ChangesView;
import org.carechart.chart.api.ChartEntryInput;
import org.carechart.chart.api.ChartEntryView;
import org.carechart.chart.api.ChartSummaryView;
import org.carechart.chart.api.DocumentView;
import org.carechart.chart.api.EntryFilter;
import org.carechart.chart.api.EntryHistoryView;
import org.carechart.chart.api.RetractionInput;
import org.carechart.access.DataCategory;
import org.carechart.common.Cursor;
import org.carechart.common.ETags;
import org.carechart.common.Page;
import org.carechart.common.ProblemException;
import org.carechart.common.ProblemType;
import org.carechart.identity.CurrentCaller;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

@Path("/api/v1/patients/{patientId}/chart")
@Authenticated
@Tag(name = "Chart", description = "Versioned chart entries, summary, history, change feed and documents")
@Produces(MediaType.APPLICATION_JSON)
public class ChartResource {

    static final Set<String> DOCUMENT_TYPES = Set.of("application/pdf", "image/png", "image/jpeg");
    static final int IDEMPOTENCY_KEY_MAX = 200;

    @Inject
    CurrentCaller currentCaller;

    @Inject
    ChartService chart;

    @Inject
    ChartConfig config;

    @GET
    @Operation(operationId = "getChartSummary", summary = "One-call chart summary for a mobile home screen",
            description = "Demographics, active problems, active medications, allergies, the latest vital of each kind, "
                    + "recent lab results with abnormal flags, counts per category and the caller's unread notifications. "
                    + "ETag; If-None-Match answers 304.")
    @APIResponse(responseCode = "304", description = "Not modified since the ETag the client holds")
    @APIResponse(responseCode = "404", description = "No such patient, or not yours to see")
    @APIResponse(responseCode = "200", description = "The summary; ETag for If-None-Match", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChartSummaryView.class)), headers = @Header(name = "ETag", ref = "ETag"))
    public Uni<Response> summary(@PathParam("patientId") UUID patientId,
                                 @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return chart.summary(currentCaller.get(), patientId)
                .map(summary -> ETags.okOrNotModified(ifNoneMatch, summaryTag(summary), summary));
    }

    @GET
    @Path("entries")
    @Operation(operationId = "listChartEntries", summary = "Search chart entries, newest first",
            description = "Filters: category, code (a code or system|code), from and to (ISO instant or date; to is exclusive), "
                    + "status (entered-in-error entries are left out unless asked for). Opaque cursor paging; the page has an ETag.")
    @APIResponse(responseCode = "304", description = "Not modified since the ETag the client holds")
    @APIResponse(responseCode = "400", description = "A filter, the cursor or the limit is invalid")
    @APIResponse(responseCode = "403", description = "The category is not open to the caller")
    @APIResponse(responseCode = "404", description = "No such patient, or not yours to see")
    @APIResponse(responseCode = "200", description = "One page of entries; ETag for If-None-Match", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "PageChartEntryView")), headers = @Header(name = "ETag", ref = "ETag"))
    public Uni<Response> entries(@PathParam("patientId") UUID patientId,
                                 @QueryParam("category") String category,
                                 @QueryParam("code") String code,
                                 @QueryParam("from") String from,
                                 @QueryParam("to") String to,
                                 @QueryParam("status") String status,
                                 @QueryParam("cursor") String cursor,
                                 @QueryParam("limit") Integer limit,
                                 @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        if (category != null && DataCategory.fromCode(category).filter(c -> c != DataCategory.DEMOGRAPHICS).isEmpty()) {
            throw ProblemException.invalid("category", "is not a chart category");
        }
        if (code != null && (code.isBlank() || code.length() > 300)) {
            throw ProblemException.invalid("code", "must be a code or system|code");
        }
        if (status != null && !Clinical.STATUSES.contains(status) && !Clinical.ENTERED_IN_ERROR.equals(status)) {
            throw ProblemException.invalid("status", "is not a known status");
        }
        EntryFilter filter = new EntryFilter(category, code, time("from", from, false), time("to", to, true), status);
        int pageSize = Page.limit(limit);
        Cursor after = Cursor.decode(cursor);
        return chart.search(currentCaller.get(), patientId, filter, after, pageSize)
                .map(page -> ETags.okOrNotModified(ifNoneMatch, ETags.of(page.nextCursor(), page.items().stream()
                        .map(e -> e.id() + ":" + e.version()).collect(Collectors.joining(","))), page));
    }

    @POST
    @Path("entries")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "addChartEntry", summary = "Add a chart entry (providers on the care team, staff of the organization, break-the-glass)",
            description = "Idempotency-Key is required: a retry with the same key and body returns the first answer and "
                    + "writes nothing; the same key with another body is a 422. Keys are per caller and kept 24 hours.")
    @APIResponse(responseCode = "201", description = "Added (or, for a retry with the same Idempotency-Key, the first answer again); Location and ETag of the new entry", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChartEntryView.class)), headers = {@Header(name = "Location", ref = "Location"), @Header(name = "ETag", ref = "ETag")})
    @APIResponse(responseCode = "400", description = "Invalid fields (errors[].field names each) or no Idempotency-Key")
    @APIResponse(responseCode = "403", description = "The caller may read but not write this chart")
    @APIResponse(responseCode = "404", description = "No such patient, or not yours to see")
    @APIResponse(responseCode = "409", description = "A request with the same Idempotency-Key is still in progress")
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used with another body")
    public Uni<Response> add(@PathParam("patientId") UUID patientId,
                             @Parameter(description = "A unique key per intended write, e.g. a UUID", required = true)
                             @HeaderParam("Idempotency-Key") String idempotencyKey,
                             ChartEntryInput input) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            throw ProblemException.invalid("Idempotency-Key", "header is required (a unique key per intended write)");
        }
        if (idempotencyKey.length() > IDEMPOTENCY_KEY_MAX) {
            throw ProblemException.invalid("Idempotency-Key", "is longer than " + IDEMPOTENCY_KEY_MAX + " characters");
        }
        return chart.create(currentCaller.get(), patientId, input, idempotencyKey)
                .map(answer -> Response.status(answer.status()).location(URI.create(answer.location()))
                        .tag(new EntityTag(answer.etag())).type(MediaType.APPLICATION_JSON).entity(answer.body()).build());
    }

    @GET
    @Path("entries/{entryId}")
    @Operation(operationId = "getChartEntry", summary = "The current version of an entry; ETag = entry and version, If-None-Match answers 304")
    @APIResponse(responseCode = "304", description = "Not modified since the ETag the client holds")
    @APIResponse(responseCode = "404", description = "No such entry, or not yours to see")
    @APIResponse(responseCode = "200", description = "The current version; ETag for If-Match and If-None-Match", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChartEntryView.class)), headers = @Header(name = "ETag", ref = "ETag"))
    public Uni<Response> entry(@PathParam("patientId") UUID patientId, @PathParam("entryId") UUID entryId,
                               @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return chart.entry(currentCaller.get(), patientId, entryId)
                .map(view -> ETags.okOrNotModified(ifNoneMatch, new EntityTag(ChartService.etag(view)), view));
    }

    @PUT
    @Path("entries/{entryId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateChartEntry", summary = "Write a new version of an entry, with a reason; If-Match (the entry's ETag) is required")
    @APIResponse(responseCode = "400", description = "Invalid fields; reason is required")
    @APIResponse(responseCode = "404", description = "No such entry, or not yours to see")
    @APIResponse(responseCode = "409", description = "The entry is retracted")
    @APIResponse(responseCode = "412", description = "The entry changed since the ETag was read; nothing was written")
    @APIResponse(responseCode = "428", description = "If-Match is missing")
    @APIResponse(responseCode = "200", description = "The new version and its ETag", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChartEntryView.class)), headers = @Header(name = "ETag", ref = "ETag"))
    public Uni<Response> update(@PathParam("patientId") UUID patientId, @PathParam("entryId") UUID entryId,
                                @Parameter(description = "The ETag of the version you changed", required = true)
                                @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, ChartEntryInput input) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(ProblemType.PRECONDITION_REQUIRED,
                    "Send If-Match with the ETag of the version you changed, so no one's update is lost.");
        }
        return chart.update(currentCaller.get(), patientId, entryId, ifMatch, input)
                .map(view -> Response.ok(view).tag(new EntityTag(ChartService.etag(view))).build());
    }

    @POST
    @Path("entries/{entryId}/retraction")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "retractChartEntry", summary = "Retract an entry (entered-in-error) with a reason; the history keeps every version",
            description = "If-Match is optional here; when sent, a stale one is a 412.")
    @APIResponse(responseCode = "400", description = "The reason is missing or too long")
    @APIResponse(responseCode = "404", description = "No such entry, or not yours to see")
    @APIResponse(responseCode = "409", description = "The entry is already retracted")
    @APIResponse(responseCode = "412", description = "The entry changed since the ETag was read")
    @APIResponse(responseCode = "200", description = "The retracted entry (status entered-in-error) and its ETag", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChartEntryView.class)), headers = @Header(name = "ETag", ref = "ETag"))
    public Uni<Response> retract(@PathParam("patientId") UUID patientId, @PathParam("entryId") UUID entryId,
                                 @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, RetractionInput input) {
        return chart.retract(currentCaller.get(), patientId, entryId, ifMatch, input == null ? null : input.reason())
                .map(view -> Response.ok(view).tag(new EntityTag(ChartService.etag(view))).build());
    }

    @GET
    @Path("entries/{entryId}/history")
    @Operation(operationId = "getChartEntryHistory", summary = "Every version of an entry (who, when, why) and the amendment requests about it")
    @APIResponse(responseCode = "404", description = "No such entry, or not yours to see")
    @APIResponse(responseCode = "200", description = "Every version, oldest first, and the amendment requests")
    public Uni<EntryHistoryView> history(@PathParam("patientId") UUID patientId, @PathParam("entryId") UUID entryId) {
        return chart.history(currentCaller.get(), patientId, entryId);
    }

    @GET
    @Path("changes")
    @Operation(operationId = "listChartChanges", summary = "Delta sync: entries added, changed or retracted since the token, and the next token",
            description = "Without since: everything, and a token. Tokens are signed and expire after 30 days.")
    @APIResponse(responseCode = "400", description = "The token is forged, malformed, for another chart or expired: resync from scratch")
    @APIResponse(responseCode = "404", description = "No such patient, or not yours to see")
    @APIResponse(responseCode = "200", description = "The changes and the token for next time")
    public Uni<ChangesView> changes(@PathParam("patientId") UUID patientId, @QueryParam("since") String since,
                                    @QueryParam("limit") Integer limit) {
        int pageSize = limit == null ? ChartService.CHANGES_MAX : limit;
        if (pageSize < 1 || pageSize > ChartService.CHANGES_MAX) {
            throw ProblemException.invalid("limit", "must be between 1 and " + ChartService.CHANGES_MAX);
        }
        return chart.changes(currentCaller.get(), patientId, since == null || since.isBlank() ? null : since, pageSize);
    }

    @POST
    @Path("documents")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "uploadDocument", summary = "Upload a document (raw body: application/pdf, image/png or image/jpeg)",
            description = "The type is checked against the file's first bytes too. Adds an entry of category document.")
    @APIResponse(responseCode = "201", description = "Stored, with its SHA-256; Location is the content URL", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DocumentView.class)), headers = @Header(name = "Location", ref = "Location"))
    @APIResponse(responseCode = "400", description = "Empty body or invalid title")
    @APIResponse(responseCode = "404", description = "No such patient, or not yours to see")
    @APIResponse(responseCode = "413", description = "Larger than carechart.chart.document-max-size (10 MB by default)")
    @APIResponse(responseCode = "415", description = "Not a PDF, PNG or JPEG")
    public Uni<Response> addDocument(@PathParam("patientId") UUID patientId,
                                     @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                     @QueryParam("fileName") String fileName, @QueryParam("title") String title,
                                     @QueryParam("sensitive") boolean sensitive,
                                     @RequestBody(required = true, description = "The file's bytes; Content-Type says which kind",
                                             content = {@Content(mediaType = "application/pdf", schema = @Schema(type = SchemaType.STRING, format = "binary")),
                                                     @Content(mediaType = "image/png", schema = @Schema(type = SchemaType.STRING, format = "binary")),
                                                     @Content(mediaType = "image/jpeg", schema = @Schema(type = SchemaType.STRING, format = "binary"))})
                                     byte[] content) {
        if (content != null && content.length > config.documentMaxSize().asLongValue()) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "The document is larger than "
                    + config.documentMaxSize().asLongValue() + " bytes.");
        }
        String type = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(java.util.Locale.ROOT);
        if (!DOCUMENT_TYPES.contains(type)) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Documents must be PDF, PNG or JPEG.");
        }
        if (content == null || content.length == 0) {
            throw ProblemException.invalid("body", "is empty");
        }
        if (!looksLike(type, content)) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "The content is not a " + type + " file.");
        }
        if (fileName != null && fileName.length() > 255) {
            throw ProblemException.invalid("fileName", "is longer than 255 characters");
        }
        return chart.addDocument(currentCaller.get(), patientId, type, fileName, title, sensitive, content)
                .map(view -> Response.created(URI.create("/api/v1/patients/" + patientId + "/chart/documents/"
                        + view.id() + "/content")).entity(view).type(MediaType.APPLICATION_JSON).build());
    }

    @GET
    @Path("documents")
    @Operation(operationId = "listDocuments", summary = "The patient's documents, newest first",
            description = "The chart entries of category document; each names its documentId for the content. "
                    + "Cursor paged like the entries list; ETag; If-None-Match answers 304.")
    @APIResponse(responseCode = "304", description = "Not modified since the ETag the client holds")
    @APIResponse(responseCode = "404", description = "No such patient, or not yours to see")
    @APIResponse(responseCode = "200", description = "One page of document entries; ETag for If-None-Match", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "PageChartEntryView")), headers = @Header(name = "ETag", ref = "ETag"))
    public Uni<Response> documents(@PathParam("patientId") UUID patientId,
                                   @QueryParam("cursor") String cursor,
                                   @QueryParam("limit") Integer limit,
                                   @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return entries(patientId, DataCategory.DOCUMENT.code(), null, null, null, null, cursor, limit, ifNoneMatch);
    }

    @GET
    @Path("documents/{documentId}/content")
    @Produces({"application/pdf", "image/png", "image/jpeg", MediaType.APPLICATION_JSON})
    @Operation(operationId = "downloadDocument", summary = "The document's bytes with its content type; ETag = its SHA-256")
    @APIResponse(responseCode = "304", description = "Not modified since the ETag the client holds")
    @APIResponse(responseCode = "404", description = "No such document, or not yours to see")
    @APIResponse(responseCode = "200", description = "The bytes, with the type they were uploaded as", content = {@Content(mediaType = "application/pdf", schema = @Schema(type = SchemaType.STRING, format = "binary")), @Content(mediaType = "image/png", schema = @Schema(type = SchemaType.STRING, format = "binary")), @Content(mediaType = "image/jpeg", schema = @Schema(type = SchemaType.STRING, format = "binary"))}, headers = {@Header(name = "ETag", ref = "ETag"), @Header(name = "X-Content-SHA256", description = "The SHA-256 of the bytes, hex", schema = @Schema(type = SchemaType.STRING, pattern = "^[0-9a-f]{64}$", maxLength = 64)), @Header(name = "Content-Disposition", description = "inline, with the file name when one was given", schema = @Schema(type = SchemaType.STRING, maxLength = 300))})
    public Uni<Response> documentContent(@PathParam("patientId") UUID patientId,
                                         @PathParam("documentId") UUID documentId,
                                         @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return chart.document(currentCaller.get(), patientId, documentId).map(document -> {
            EntityTag tag = new EntityTag(document.sha256());
            if (ETags.matchesWeakly(ifNoneMatch, tag.getValue())) {
                return Response.notModified(tag).build();
            }
            Response.ResponseBuilder response = Response.ok(document.content(), document.contentType()).tag(tag)
                    .header("X-Content-SHA256", document.sha256());
            if (document.fileName() != null) {
                response.header("Content-Disposition", "inline; filename=\""
                        + document.fileName().replaceAll("[^A-Za-z0-9._ -]", "_") + "\"");
            }
            return response.build();
        });
    }

    static boolean looksLike(String type, byte[] content) {
        return switch (type) {
            case "application/pdf" -> startsWith(content, '%', 'P', 'D', 'F', '-');
            case "image/png" -> startsWith(content, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
            case "image/jpeg" -> startsWith(content, 0xFF, 0xD8, 0xFF);
            default -> false;
        };
    }

    private static boolean startsWith(byte[] content, int... magic) {
        if (content.length < magic.length) return false;
        for (int i = 0; i < magic.length; i++) {
            if ((content[i] & 0xFF) != magic[i]) return false;
        }
        return true;
    }

    private static EntityTag summaryTag(ChartSummaryView summary) {
        return ETags.of(summary.toString());
    }

    private static Instant time(String field, String value, boolean endOfDay) {
        if (value == null || value.isBlank()) return null;
        Instant instant;
        try {
            instant = Instant.parse(value);
        } catch (DateTimeParseException notAnInstant) {
            try {
                LocalDate day = LocalDate.parse(value);
                instant = (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException | ArithmeticException notADate) {
                throw ProblemException.invalid(field, "must be an ISO-8601 instant or date");
            }
        }
        if (!org.carechart.common.Instants.inWindow(instant)) {
            throw ProblemException.invalid(field, org.carechart.common.Instants.RULE);
        }
        return instant;
    }
}
