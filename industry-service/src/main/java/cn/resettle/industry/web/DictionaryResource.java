package cn.resettle.industry.web;

import cn.resettle.common.web.DictionaryEntry;
import cn.resettle.industry.asset.AssetEnums;
import cn.resettle.industry.link.LinkDtos;
import cn.resettle.industry.workshop.WorkshopEnums;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Path("/api/industry/dictionary")
@Tag(name = "字典 Dictionary")
@Authenticated
public class DictionaryResource {
    private static final Map<String, List<DictionaryEntry>> ALL = new LinkedHashMap<>();

    static {
        ALL.put("workshopStatus", DictionaryEntry.of(WorkshopEnums.Status.class));
        ALL.put("subsidyKind", DictionaryEntry.of(WorkshopEnums.SubsidyKind.class));
        ALL.put("linkKind", DictionaryEntry.of(LinkDtos.Kind.class));
        ALL.put("assetKind", DictionaryEntry.of(AssetEnums.Kind.class));
        ALL.put("assetCategory", DictionaryEntry.of(AssetEnums.Category.class));
        ALL.put("fundingSource", DictionaryEntry.of(AssetEnums.FundingSource.class));
        ALL.put("assetStatus", DictionaryEntry.of(AssetEnums.Status.class));
        ALL.put("assetChangeKind", DictionaryEntry.of(AssetEnums.ChangeKind.class));
        ALL.put("assetChangeStatus", DictionaryEntry.of(AssetEnums.ChangeStatus.class));
        ALL.put("distributionUse", DictionaryEntry.of(cn.resettle.industry.distribution.DistributionDtos.Use.class));
        ALL.put("cooperativeKind", DictionaryEntry.of(cn.resettle.industry.cooperative.CooperativeDtos.Kind.class));
        ALL.put("cooperativeStatus", DictionaryEntry.of(cn.resettle.industry.cooperative.CooperativeDtos.Status.class));
        ALL.put("baseKind", DictionaryEntry.of(cn.resettle.industry.base.BaseDtos.Kind.class));
        ALL.put("baseRelation", DictionaryEntry.of(cn.resettle.industry.base.BaseDtos.Relation.class));
        ALL.put("leaseAssetType", DictionaryEntry.of(cn.resettle.industry.lease.LeaseDtos.AssetType.class));
        ALL.put("leaseStatus", DictionaryEntry.of(cn.resettle.industry.lease.LeaseDtos.Status.class));
        ALL.put("consumptionChannelKind", DictionaryEntry.of(cn.resettle.industry.consumption.ConsumptionDtos.Kind.class));
        ALL.put("premisesKind", DictionaryEntry.of(cn.resettle.industry.premises.PremisesDtos.Kind.class));
        ALL.put("premisesStatus", DictionaryEntry.of(cn.resettle.industry.premises.PremisesDtos.Status.class));
        ALL.put("oldHouseStatus", DictionaryEntry.of(cn.resettle.industry.origin.OriginDtos.HouseStatus.class));
        ALL.put("reclaimMethod", DictionaryEntry.of(cn.resettle.industry.origin.OriginDtos.ReclaimMethod.class));
        ALL.put("retainReason", DictionaryEntry.of(cn.resettle.industry.origin.OriginDtos.RetainReason.class));
        ALL.put("seasonalActivity", DictionaryEntry.of(cn.resettle.industry.origin.OriginDtos.Activity.class));
        ALL.put("seasonalReturnStatus", DictionaryEntry.of(cn.resettle.industry.origin.OriginDtos.ReturnStatus.class));
        ALL.put("distributionStatus", DictionaryEntry.of(cn.resettle.industry.distribution.DistributionDtos.Status.class));
    }

    @GET
    @Operation(summary = "Codes and Chinese labels of industry-service's enumerations")
    public Map<String, List<DictionaryEntry>> dictionary() {
        return ALL;
    }
}
