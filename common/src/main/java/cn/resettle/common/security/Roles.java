package cn.resettle.common.security;

/** Realm roles (deploy/keycloak/resettle-realm.json). */
public final class Roles {
    public static final String COUNTY_ADMIN = "county-admin";
    public static final String EMPLOYMENT_OFFICER = "employment-officer";
    public static final String INDUSTRY_OFFICER = "industry-officer";
    public static final String CIVIL_AFFAIRS_OFFICER = "civil-affairs-officer";
    public static final String TOWNSHIP_OFFICIAL = "township-official";
    public static final String SITE_WORKER = "site-worker";
    public static final String RESIDENT = "resident";
    public static final String SYSTEM = "system";
    /** Reads the personal-data audit trail; sees no household data itself. */
    public static final String AUDITOR = "auditor";


    private Roles() {
    }
}
