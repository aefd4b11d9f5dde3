package org.carechart.access;

/** Why a caller may see a patient's data; recorded with every audit event. */
public enum Basis {
    SELF("self", "the patient"),
    PROXY("proxy", "a proxy acting for the patient"),
    CARE_TEAM("care-team", "a member of the care team"),
    STAFF("staff", "records staff of the patient's organization"),
    GRANT("grant", "access the patient granted"),
    SHARE_LINK("share-link", "a share link the patient created"),
    BREAK_THE_GLASS("break-the-glass", "emergency access"),
    NONE("none", "no basis");

    private final String code;
    private final String plainWords;

    Basis(String code, String plainWords) {
        this.code = code;
        this.plainWords = plainWords;
    }

    public String code() {
        return code;
    }

    public String plainWords() {
        return plainWords;
    }

    public static Basis fromCode(String code) {
        for (Basis basis : values()) {
            if (basis.code.equals(code)) {
                return basis;
            }
        }
        return NONE;
    }
}
