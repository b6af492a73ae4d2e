package cn.resettle.monitoring.registry;

import cn.resettle.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The households this service knows from registry events (no call to community-service behind it). */
@Path("/api/monitoring/registry/households")
@Tag(name = "登记信息副本 Registry copy")
@RolesAllowed({Roles.COUNTY_ADMIN, Roles.CIVIL_AFFAIRS_OFFICER, Roles.TOWNSHIP_OFFICIAL, Roles.SITE_WORKER, Roles.SYSTEM})
public class RegistryCopyResource extends cn.resettle.common.registry.RegistryCopyResource {
}
