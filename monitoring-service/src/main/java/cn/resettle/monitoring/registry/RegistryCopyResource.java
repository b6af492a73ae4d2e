package cn.resettle.monitoring.registry;

import cn.resettle.common.registry.RegistryCopyResourceBase;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** This service's registry copy (written once in {@link RegistryCopyResourceBase}; roles in {@code resettle.registry.roles}). */
@Path("/api/monitoring/registry/households")
@Tag(name = "登记信息副本 Registry copy")
public class RegistryCopyResource extends RegistryCopyResourceBase {
}
