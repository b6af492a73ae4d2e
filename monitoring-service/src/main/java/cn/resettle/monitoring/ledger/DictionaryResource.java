package cn.resettle.monitoring.ledger;

import cn.resettle.common.web.DictionaryEntry;
import cn.resettle.monitoring.cases.CaseWorkflow;
import cn.resettle.monitoring.risk.RiskEnums;
import cn.resettle.monitoring.rules.RiskCategory;
import cn.resettle.monitoring.rules.Severity;
import cn.resettle.monitoring.visit.VisitDtos;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Path("/api/monitoring/dictionary")
@Tag(name = "字典 Dictionary")
@Authenticated
public class DictionaryResource {
    private static final Map<String, List<DictionaryEntry>> ALL = new LinkedHashMap<>();

    static {
        ALL.put("riskCategory", DictionaryEntry.of(RiskCategory.class));
        ALL.put("riskSource", DictionaryEntry.of(RiskEnums.Source.class));
        ALL.put("riskSeverity", DictionaryEntry.of(Severity.class));
        ALL.put("riskStatus", DictionaryEntry.of(RiskEnums.Status.class));
        ALL.put("measureStatus", DictionaryEntry.of(RiskEnums.MeasureStatus.class));
        ALL.put("subjectType", DictionaryEntry.of(CaseWorkflow.SubjectType.class));
        ALL.put("caseStep", DictionaryEntry.of(CaseWorkflow.Step.class));
        ALL.put("caseStatus", DictionaryEntry.of(CaseWorkflow.Status.class));
        ALL.put("healthChange", DictionaryEntry.of(VisitDtos.HealthChange.class));
        ALL.put("suddenDifficulty", DictionaryEntry.of(VisitDtos.SuddenDifficulty.class));
    }

    @GET
    public Map<String, List<DictionaryEntry>> dictionary() {
        return ALL;
    }
}
