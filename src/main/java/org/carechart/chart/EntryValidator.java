package org.carechart.chart;

import org.carechart.access.DataCategory;
import org.carechart.chart.api.ChartEntryInput;
import org.carechart.common.Problem;
import org.carechart.common.ProblemException;
import org.carechart.common.ProblemType;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Checks a chart entry a provider or staff member writes, naming every bad field at once. */
final class EntryValidator {

    static final int DISPLAY_MAX = 500;
    static final int BODY_MAX = 20_000;
    static final int CODE_MAX = 100;
    static final int SHORT_TEXT_MAX = 2_000;
    static final int UNIT_MAX = 50;
    static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

    private EntryValidator() {
    }

    /** @param change true for a new version (PUT, amendment), which needs a reason */
    static void validate(ChartEntryInput input, boolean change, Instant now) {
        if (input == null) {
            throw ProblemException.invalid("body", "is required");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        if (input.category() == null) {
            errors.add(new Problem.FieldError("category", "is required"));
        } else if (DataCategory.fromCode(input.category()).filter(c -> c != DataCategory.DEMOGRAPHICS).isEmpty()) {
            errors.add(new Problem.FieldError("category", "is not a chart category (encounter, condition, medication, "
                    + "allergy, immunization, observation, note, procedure)"));
        } else if ("document".equals(input.category()) && !change) {
            errors.add(new Problem.FieldError("category", "documents are added by uploading to /chart/documents"));
        }
        if (input.status() == null) {
            errors.add(new Problem.FieldError("status", "is required"));
        } else if (!Clinical.STATUSES.contains(input.status())) {
            errors.add(new Problem.FieldError("status", Clinical.ENTERED_IN_ERROR.equals(input.status())
                    ? "use the retraction endpoint to mark an entry entered-in-error" : "is not a known status"));
        }
        if (input.code() == null) {
            errors.add(new Problem.FieldError("code", "is required"));
        } else {
            if (input.code().system() == null) {
                errors.add(new Problem.FieldError("code.system", "is required"));
            } else if (!Clinical.CODE_SYSTEMS.contains(input.code().system())) {
                errors.add(new Problem.FieldError("code.system", "is not a supported code system (SNOMED CT, LOINC, RxNorm, CVX, ICD-10-CM URIs)"));
            }
            text(errors, "code.code", input.code().code(), CODE_MAX, true);
            text(errors, "code.display", input.code().display(), DISPLAY_MAX, true);
        }
        if (input.effectiveAt() == null) {
            errors.add(new Problem.FieldError("effectiveAt", "is required"));
        } else if (input.effectiveAt().isAfter(now.plus(FUTURE_TOLERANCE))) {
            errors.add(new Problem.FieldError("effectiveAt", "is in the future"));
        }
        if ("observation".equals(input.category()) && input.valueQuantity() == null && blank(input.valueText())) {
            errors.add(new Problem.FieldError("valueQuantity", "an observation needs a value (valueQuantity or valueText)"));
        }
        if (input.valueQuantity() != null && input.valueQuantity().abs().compareTo(new BigDecimal("1e12")) > 0) {
            errors.add(new Problem.FieldError("valueQuantity", "is out of range"));
        }
        text(errors, "valueUnit", input.valueUnit(), UNIT_MAX, false);
        text(errors, "valueText", input.valueText(), SHORT_TEXT_MAX, false);
        text(errors, "body", input.body(), BODY_MAX, false);
        if (input.referenceLow() != null && input.referenceHigh() != null
                && input.referenceLow().compareTo(input.referenceHigh()) > 0) {
            errors.add(new Problem.FieldError("referenceLow", "is above referenceHigh"));
        }
        if (input.interpretation() != null && !Clinical.INTERPRETATIONS.contains(input.interpretation())) {
            errors.add(new Problem.FieldError("interpretation", "is not one of N, L, H, LL, HH, A, AA"));
        }
        if (change) {
            text(errors, "reason", input.reason(), SHORT_TEXT_MAX, true);
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, "The request has invalid fields.", errors);
        }
    }

    static void reason(String reason) {
        List<Problem.FieldError> errors = new ArrayList<>();
        text(errors, "reason", reason, SHORT_TEXT_MAX, true);
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, "The request has invalid fields.", errors);
        }
    }

    /** The interpretation the writer gave, or the one the reference range implies. */
    static String interpretation(ChartEntryInput input) {
        if (input.interpretation() != null || input.valueQuantity() == null) {
            return input.interpretation();
        }
        if (input.referenceHigh() != null && input.valueQuantity().compareTo(input.referenceHigh()) > 0) return "H";
        if (input.referenceLow() != null && input.valueQuantity().compareTo(input.referenceLow()) < 0) return "L";
        return input.referenceLow() != null || input.referenceHigh() != null ? "N" : null;
    }

    private static void text(List<Problem.FieldError> errors, String field, String value, int max, boolean required) {
        if (blank(value)) {
            if (required) errors.add(new Problem.FieldError(field, "is required"));
        } else if (value.length() > max) {
            errors.add(new Problem.FieldError(field, "is longer than " + max + " characters"));
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
