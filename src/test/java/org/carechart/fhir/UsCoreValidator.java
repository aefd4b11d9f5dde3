package org.carechart.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.NpmPackageValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The HL7 FHIR validator (HAPI 8.8.1) with FHIR R4 core and the US Core 6.1.0 package, offline.
 * Built once per test run (about 2.5 s). Terminology: codes of FHIR's own code systems and of
 * value sets expanded in the packages are checked; LOINC, SNOMED CT, RxNorm, CVX, UCUM-beyond-the-
 * common-units and VSAC value sets cannot be checked offline (the unknown-code-system support turns
 * them into warnings).
 */
public final class UsCoreValidator {

    static final FhirContext CONTEXT = FhirContext.forR4();
    private static FhirValidator validator;

    private UsCoreValidator() {
    }

    static synchronized FhirValidator validator() {
        if (validator == null) {
            try {
                NpmPackageValidationSupport usCore = new NpmPackageValidationSupport(CONTEXT);
                usCore.loadPackageFromClasspath("classpath:fhir/us_core_610.tgz");
                UnknownCodeSystemWarningValidationSupport unknownCodeSystems = new UnknownCodeSystemWarningValidationSupport(CONTEXT);
                unknownCodeSystems.setNonExistentCodeSystemSeverity(ca.uhn.fhir.context.support.IValidationSupport.IssueSeverity.WARNING);
                ValidationSupportChain chain = new ValidationSupportChain(usCore, new DefaultProfileValidationSupport(CONTEXT),
                        new CommonCodeSystemsTerminologyService(CONTEXT), new InMemoryTerminologyServerValidationSupport(CONTEXT),
                        new SnapshotGeneratingValidationSupport(CONTEXT), unknownCodeSystems);
                FhirInstanceValidator module = new FhirInstanceValidator(chain);
                validator = CONTEXT.newValidator().registerValidatorModule(module);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return validator;
    }

    public static List<SingleValidationMessage> validate(String json) {
        ValidationResult result = validator().validateWithResult(json);
        return result.getMessages();
    }

    public static boolean isError(SingleValidationMessage m) {
        return m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL;
    }
}
