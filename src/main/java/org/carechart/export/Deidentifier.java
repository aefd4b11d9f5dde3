package org.carechart.export;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one transform a bulk export applies to every resource it writes, when the requesting app is
 * registered for de-identified data only ({@code oauth_client.deidentified_export}). Implemented by
 * the quality feature ({@code quality.SafeHarbor}); an export for such an app fails closed (the job
 * ends with an error, nothing is served) when no implementation is deployed.
 */
public interface Deidentifier {

    /**
     * The resource as the recipient may receive it; {@code null} leaves the resource out.
     *
     * @param resource          the resource as the FHIR API maps it (may be changed in place and returned)
     * @param recipientClientId the OAuth client the export is for
     */
    ObjectNode apply(ObjectNode resource, String recipientClientId);
}
