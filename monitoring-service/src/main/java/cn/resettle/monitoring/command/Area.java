package cn.resettle.monitoring.command;

import cn.resettle.common.problem.DomainException;
import cn.resettle.common.security.DataScope;

/**
 * The area a command-view request is about: a site, or a region given by its division-code prefix (province 2
 * digits, city 4, county 6, township 9; a 6-digit city or province code ending in 00 is read as its prefix).
 * Without either, the caller's own: their first region, or their first site. An area outside the caller's scope
 * does not exist for them (404), like every record outside it.
 */
public record Area(String level, String region, String site) {

    public static Area of(String region, String site, DataScope scope, java.util.function.Function<String, String> siteRegion) {
        if (site != null && !site.isBlank()) {
            if (!site.matches("[A-Za-z0-9_-]{1,32}")) {
                throw DomainException.invalid("site", "must be a site code (letters, digits, - and _, at most 32)");
            }
            String township = siteRegion.apply(site);
            if (!scope.allows(township, site)) {
                throw DomainException.notFound("site", site);
            }
            return new Area("SITE", township, site);
        }
        if (region == null || region.isBlank()) {
            if (!scope.regionCodes().isEmpty()) {
                region = scope.regionCodes().get(0);
            } else if (!scope.siteCodes().isEmpty()) {
                return of(null, scope.siteCodes().get(0), scope, siteRegion);
            } else {
                throw DomainException.notFound("region", "(none in your scope)");
            }
        }
        if (!region.matches("[0-9]{2,12}")) {
            throw DomainException.invalid("region", "must be an administrative division code (2 to 12 digits)");
        }
        String prefix = region;
        if (prefix.length() == 6) {
            prefix = prefix.endsWith("0000") ? prefix.substring(0, 2) : prefix.endsWith("00") ? prefix.substring(0, 4) : prefix;
        }
        if (!scope.coversRegion(prefix)) {
            throw DomainException.notFound("region", region);
        }
        String level = switch (prefix.length()) {
            case 2 -> "PROVINCE";
            case 4 -> "CITY";
            case 6 -> "COUNTY";
            default -> "TOWNSHIP";
        };
        return new Area(level, prefix, null);
    }

    /** SQL condition on a table with region and site columns, with {@code :areaRegion} / {@code :areaSite}. */
    public String condition(String regionColumn, String siteColumn) {
        return site != null ? siteColumn + " = :areaSite" : regionColumn + " like :areaRegion";
    }

    public String paramName() {
        return site != null ? "areaSite" : "areaRegion";
    }

    public Object paramValue() {
        return site != null ? site : region + "%";
    }
}
