package cn.resettle.monitoring.industry;

import cn.resettle.common.events.IndustryEvents.WorkshopStopped;
import cn.resettle.common.inbox.NotYetKnownException;
import cn.resettle.monitoring.risk.Households;
import cn.resettle.monitoring.risk.RiskEnums.Source;
import cn.resettle.monitoring.risk.RiskService;
import cn.resettle.monitoring.rules.RiskCategory;
import cn.resettle.monitoring.rules.RiskRules.Finding;
import cn.resettle.monitoring.rules.Severity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.YearMonth;
import java.util.UUID;

/**
 * An assistance workshop suspended or closed (industry-service's quarterly check): each household whose only
 * earner worked there is flagged INCOME_DROP (source WORKSHOP_EVENT), which routes a job match to employment and an
 * industry-link task to industry. A household already flagged for an income drop keeps its open risk (flag is once
 * per household and category while open). Households monitoring does not know yet wait for their registry copy.
 */
@ApplicationScoped
public class WorkshopStoppedHandler {

    @Inject
    RiskService risks;
    @Inject
    Households households;

    public void onStopped(WorkshopStopped w) {
        if (w.householdsWithoutEarner() == null) {
            return;
        }
        String what = "CLOSED".equals(w.status()) ? "关闭" : "停产";
        for (UUID id : w.householdsWithoutEarner()) {
            var h = households.find(id).orElseThrow(() -> new NotYetKnownException(id, "registry copy of household"));
            if (!"ACTIVE".equals(h.status())) {
                continue;
            }
            risks.flag(h, new Finding(RiskCategory.INCOME_DROP, Severity.HIGH,
                            "帮扶车间" + what + " (" + w.workshopName() + ", 安置点 " + w.siteCode() + ", " + w.stoppedOn()
                                    + "): 家庭唯一务工人员在该车间就业"),
                    Source.WORKSHOP_EVENT, YearMonth.now(), "industry-service");
        }
    }
}
