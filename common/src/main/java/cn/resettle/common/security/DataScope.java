package cn.resettle.common.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the caller may see, read from the bearer token: {@code region_codes} (administrative-division prefixes:
 * a county administrator carries {@code 360732} and sees every township under it) and {@code site_codes}
 * (a site worker sees only those sites). A record is visible when its region code starts with one of the caller's
 * region codes or its site code is one of the caller's sites. A token with neither sees nothing.
 * Every query that returns household or person data goes through {@link #filter(String, String)}.
 */
@RequestScoped
public class DataScope {

    public static final String REGION_CLAIM = "region_codes";
    public static final String SITE_CLAIM = "site_codes";
    public static final String HOUSEHOLD_CLAIM = "household_no";

    @ConfigMapping(prefix = "resettle.privacy")
    public interface PrivacyConfig {
        /** Roles that see ID numbers and phone numbers in full; everyone else sees them masked. */
        @WithDefault("county-admin,civil-affairs-officer")
        List<String> unmaskedRoles();
    }

    @Inject
    SecurityIdentity identity;
    @Inject
    JsonWebToken jwt;
    @Inject
    PrivacyConfig privacy;

    public String actor() {
        if (identity.isAnonymous()) {
            return "anonymous";
        }
        String preferred = jwt.getClaim("preferred_username");
        return preferred != null ? preferred : identity.getPrincipal().getName();
    }

    public Set<String> roles() {
        return identity.getRoles();
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    public List<String> regionCodes() {
        return claimList(REGION_CLAIM);
    }

    public List<String> siteCodes() {
        return claimList(SITE_CLAIM);
    }

    public String householdNo() {
        Object v = jwt.getClaim(HOUSEHOLD_CLAIM);
        return v == null ? null : v.toString().replace("\"", "");
    }

    public boolean seesFullIdentity() {
        return privacy.unmaskedRoles().stream().anyMatch(identity::hasRole);
    }

    /** True if a record in this region (and optionally at this site) is inside the caller's scope. */
    public boolean allows(String regionCode, String siteCode) {
        if (regionCode != null) {
            for (String r : regionCodes()) {
                if (regionCode.startsWith(r)) {
                    return true;
                }
            }
        }
        return siteCode != null && siteCodes().contains(siteCode);
    }

    /** True if the caller may act on a whole region (for creating sites and households there). */
    public boolean coversRegion(String regionCode) {
        return regionCode != null && regionCodes().stream().anyMatch(regionCode::startsWith);
    }

    /**
     * A JPQL condition restricting rows to the caller's scope, with its parameters.
     *
     * @param regionPath path of the region-code attribute, e.g. {@code h.regionCode}
     * @param sitePath   path of the site-code attribute, or null when the entity has none
     */
    public Filter filter(String regionPath, String sitePath) {
        List<String> ors = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        List<String> regions = regionCodes();
        for (int i = 0; i < regions.size(); i++) {
            ors.add(regionPath + " like :scopeRegion" + i);
            params.put("scopeRegion" + i, regions.get(i).replace("%", "").replace("_", "") + "%");
        }
        List<String> sites = siteCodes();
        if (sitePath != null && !sites.isEmpty()) {
            ors.add(sitePath + " in :scopeSites");
            params.put("scopeSites", sites);
        }
        if (ors.isEmpty()) {
            return new Filter("1 = 0", Map.of());
        }
        return new Filter("(" + String.join(" or ", ors) + ")", params);
    }

    public record Filter(String jpql, Map<String, Object> params) {
    }

    private List<String> claimList(String claim) {
        if (identity.isAnonymous()) {
            return List.of();
        }
        Object v = jwt.getClaim(claim);
        Set<String> out = new LinkedHashSet<>();
        if (v instanceof Collection<?> c) {
            c.forEach(x -> out.add(clean(x)));
        } else if (v instanceof jakarta.json.JsonArray a) {
            a.forEach(x -> out.add(clean(x)));
        } else if (v != null) {
            for (String s : v.toString().split(",")) {
                out.add(clean(s));
            }
        }
        out.removeIf(String::isBlank);
        return List.copyOf(out);
    }

    private static String clean(Object o) {
        String s = o.toString().trim();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1);
        }
        return s;
    }
}
