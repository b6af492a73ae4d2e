package cn.resettle.community.site;

import cn.resettle.common.validation.DivisionCode;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.util.UUID;

public final class SiteDtos {
    private SiteDtos() {
    }

    public record SiteRequest(
            @NotBlank @Size(max = 32) @Pattern(regexp = "[A-Za-z0-9-]+", message = "letters, digits and '-' only") String code,
            @NotBlank @Size(max = 100) String name,
            @NotNull @DivisionCode(level = DivisionCode.Level.COUNTY) String countyCode,
            @NotNull @DivisionCode(level = DivisionCode.Level.TOWNSHIP) String townshipCode,
            @NotNull AreaType areaType,
            @Size(max = 200) String address,
            @Size(max = 50) String chiefName,
            @Pattern(regexp = "1\\d{10}|0\\d{2,3}-?\\d{7,8}", message = "not a phone number") String chiefPhone,
            @PositiveOrZero @Max(1_000_000) Integer plannedHouseholds,
            @PositiveOrZero @Max(1_000_000) Integer plannedPeople) {
    }

    public record SiteUpdate(
            @NotNull Long version,
            @NotBlank @Size(max = 100) String name,
            @NotNull AreaType areaType,
            @Size(max = 200) String address,
            @Size(max = 50) String chiefName,
            @Pattern(regexp = "1\\d{10}|0\\d{2,3}-?\\d{7,8}", message = "not a phone number") String chiefPhone,
            @PositiveOrZero @Max(1_000_000) Integer plannedHouseholds,
            @PositiveOrZero @Max(1_000_000) Integer plannedPeople,
            SiteStatus status) {
    }

    /** {@code sizeClass}: the highest configured population threshold reached, e.g. 800 for a site of 950 people, 0 below all. */
    public record SiteView(UUID id, long version, String code, String name, String countyCode, String townshipCode,
                           AreaType areaType, String address, String chiefName, String chiefPhone,
                           Integer plannedHouseholds, Integer plannedPeople, long households, long people,
                           int sizeClass, SiteStatus status) {
    }
}
