package org.carechart.oauth;

import io.quarkus.qute.TemplateData;

import java.util.List;

/**
 * What the consent page shows: the sign-in step, the decision step, or an error that cannot be
 * sent back to the app (an unknown app or an unregistered return address).
 */
@TemplateData
public record ConsentPage(String step, String appName, String requestId, String csrf, String message,
                          List<Choice> patients, List<Choice> categories, boolean offlineRequested, boolean identityRequested,
                          boolean userAccess, List<Choice> expiries) {

    /** One radio button or checkbox: value, label, and whether it starts selected. */
    @TemplateData
    public record Choice(String value, String label, boolean selected) {
    }

    static ConsentPage signIn(String appName, String requestId, String csrf, String message) {
        return new ConsentPage("signin", appName, requestId, csrf, message, List.of(), List.of(), false, false, false, List.of());
    }

    static ConsentPage error(String message) {
        return new ConsentPage("error", null, null, null, message, List.of(), List.of(), false, false, false, List.of());
    }
}
