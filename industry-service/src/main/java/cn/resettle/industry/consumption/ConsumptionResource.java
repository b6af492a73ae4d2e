package cn.resettle.industry.consumption;

import cn.resettle.common.security.PersonalDataAudit;
import cn.resettle.common.security.Roles;
import cn.resettle.common.problem.DomainException;
import cn.resettle.common.web.PageRequest;
import cn.resettle.common.web.PageResult;
import cn.resettle.industry.consumption.ConsumptionDtos.ChannelView;
import cn.resettle.industry.consumption.ConsumptionDtos.SaleView;
import cn.resettle.industry.web.Xlsx;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@Path("/api/industry/consumption-channels")
@Tag(name = "消费帮扶 Consumption assistance")
@RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL})
public class ConsumptionResource {

    @Inject
    ConsumptionService channels;
    @Inject
    PersonalDataAudit audit;

    @POST
    @Operation(summary = "A sales channel for a site's products (e-commerce, supermarket, institution canteen, counter, fair, "
            + "paired region) with its buyer agreement")
    public Response create(@Valid @NotNull ConsumptionDtos.NewChannel req) {
        ChannelView v = channels.create(req);
        return Response.status(201).entity(v).header("Location", "/api/industry/consumption-channels/" + v.id()).build();
    }

    @GET
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Channels in your scope with this year's sales and households benefited; filter by site, region prefix, kind")
    public PageResult<ChannelView> list(@QueryParam("siteCode") String siteCode, @QueryParam("regionCode") String regionCode,
                                        @QueryParam("kind") ConsumptionDtos.Kind kind, @Valid @BeanParam PageRequest page) {
        return channels.list(new ConsumptionService.Filter(siteCode, regionCode, kind), page);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "One channel")
    public ChannelView get(@PathParam("id") UUID id) {
        return channels.get(id);
    }

    @POST
    @Path("{id}/sales")
    @Operation(summary = "Record a sale through the channel (within its agreement's term)")
    public Response sale(@PathParam("id") UUID id, @Valid @NotNull ConsumptionDtos.NewSale req) {
        return Response.status(201).entity(channels.addSale(id, req)).build();
    }

    @GET
    @Path("{id}/sales")
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "Sales through the channel, latest first; filter by dates")
    public PageResult<SaleView> sales(@PathParam("id") UUID id, @QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to,
                                      @Valid @BeanParam PageRequest page) {
        return channels.sales(id, from, to, page);
    }

    @GET
    @Path("sales.xlsx")
    @Produces(Xlsx.TYPE)
    @RolesAllowed({Roles.COUNTY_ADMIN, Roles.INDUSTRY_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER})
    @Operation(summary = "The consumption-assistance sales ledger (消费帮扶销售台账) as .xlsx between two dates (default this year)")
    public Response ledger(@QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to,
                           @QueryParam("siteCode") String siteCode, @QueryParam("regionCode") String regionCode) {
        LocalDate f = from == null ? LocalDate.now().withDayOfYear(1) : from;
        LocalDate t = to == null ? LocalDate.now() : to;
        if (t.isBefore(f)) {
            throw DomainException.invalid("to", "before from (" + f + ")");
        }
        List<Object[]> rows = channels.ledger(f, t, siteCode, regionCode);
        audit.export("consumption-sale", rows.size(), "from=" + f + ",to=" + t + ",site=" + siteCode + ",region=" + regionCode);
        String[] headers = {"安置点编码", "乡镇", "渠道", "渠道类型", "采购方", "协议编号", "销售日期", "产品", "金额(元)", "带动户数",
                "备注", "登记人"};
        return Xlsx.of("消费帮扶销售台账", headers, rows, "consumption-sales-" + f + "-" + t + ".xlsx");
    }
}
