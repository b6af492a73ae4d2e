package cn.resettle.community.dictionary;

import cn.resettle.common.web.DictionaryEntry;
import cn.resettle.community.household.Enums;
import cn.resettle.community.site.AreaType;
import cn.resettle.community.site.SiteStatus;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Path("/api/community/dictionary")
@Tag(name = "字典 Dictionary")
@Authenticated
public class DictionaryResource {

    private static final Map<String, List<DictionaryEntry>> ALL = new LinkedHashMap<>();

    static {
        ALL.put("areaType", DictionaryEntry.of(AreaType.class));
        ALL.put("siteStatus", DictionaryEntry.of(SiteStatus.class));
        ALL.put("relocationType", DictionaryEntry.of(Enums.RelocationType.class));
        ALL.put("placementType", DictionaryEntry.of(Enums.PlacementType.class));
        ALL.put("houseType", DictionaryEntry.of(Enums.HouseType.class));
        ALL.put("householdStatus", DictionaryEntry.of(Enums.HouseholdStatus.class));
        ALL.put("gender", DictionaryEntry.of(Enums.Gender.class));
        ALL.put("relationship", DictionaryEntry.of(Enums.Relationship.class));
        ALL.put("education", DictionaryEntry.of(Enums.Education.class));
        ALL.put("health", DictionaryEntry.of(Enums.Health.class));
        ALL.put("labourCapacity", DictionaryEntry.of(cn.resettle.common.registry.LabourCapacity.class));
        ALL.put("employmentStatus", DictionaryEntry.of(cn.resettle.common.registry.EmploymentStatus.class));
        ALL.put("personStatus", DictionaryEntry.of(Enums.PersonStatus.class));
        // one-stop service requests
        ALL.put("requestCategory", DictionaryEntry.of(cn.resettle.community.requests.RequestEnums.Category.class));
        ALL.put("requestStatus", DictionaryEntry.of(cn.resettle.community.requests.RequestEnums.Status.class));
        ALL.put("requestLevel", DictionaryEntry.of(cn.resettle.community.requests.RequestEnums.Level.class));
        ALL.put("requestChannel", DictionaryEntry.of(cn.resettle.community.requests.RequestEnums.Channel.class));
        ALL.put("requestAction", DictionaryEntry.of(cn.resettle.community.requests.RequestEnums.Action.class));
        // safety inspections and hazards
        ALL.put("hazardCategory", DictionaryEntry.of(cn.resettle.community.safety.SafetyEnums.Category.class));
        ALL.put("hazardSeverity", DictionaryEntry.of(cn.resettle.community.safety.SafetyEnums.Severity.class));
        ALL.put("hazardStatus", DictionaryEntry.of(cn.resettle.community.safety.SafetyEnums.Status.class));
        ALL.put("chiefRole", DictionaryEntry.of(cn.resettle.community.sitechief.SiteChiefDtos.Role.class));
        ALL.put("housingExtensionStatus", DictionaryEntry.of(cn.resettle.community.housing.HousingExtensionService.Status.class));
        ALL.put("pointsRuleKind", DictionaryEntry.of(cn.resettle.community.points.PointsService.RuleKind.class));
        ALL.put("pointsAwardStatus", DictionaryEntry.of(cn.resettle.community.points.PointsService.AwardStatus.class));
        ALL.put("mediationOutcome", DictionaryEntry.of(cn.resettle.community.requests.RequestEnums.MediationOutcome.class));
        // public services and care lists
        ALL.put("facilityKind", DictionaryEntry.of(cn.resettle.community.publicservice.PublicServiceDtos.FacilityKind.class));
        ALL.put("careCategory", DictionaryEntry.of(cn.resettle.community.publicservice.PublicServiceDtos.CareCategory.class));
        // property fees and facility maintenance
        ALL.put("feeStatus", DictionaryEntry.of(cn.resettle.community.property.PropertyDtos.FeeStatus.class));
        ALL.put("reliefKind", DictionaryEntry.of(cn.resettle.community.property.PropertyDtos.ReliefKind.class));
        ALL.put("maintenanceCategory", DictionaryEntry.of(cn.resettle.community.property.PropertyDtos.MaintenanceCategory.class));
    }

    @GET
    @Operation(summary = "Every coded value of the registry with its Chinese label, for forms and spreadsheets")
    public Map<String, List<DictionaryEntry>> dictionary() {
        return ALL;
    }
}
