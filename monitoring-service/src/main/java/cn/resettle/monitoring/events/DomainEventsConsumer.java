package cn.resettle.monitoring.events;

import cn.resettle.common.events.CommunityEvents;
import cn.resettle.common.events.EmploymentEvents;
import cn.resettle.common.events.EventCodec;
import cn.resettle.common.events.EventEnvelope;
import cn.resettle.common.events.TaskEvents;
import cn.resettle.common.inbox.IdempotentConsumer;
import cn.resettle.common.inbox.InboxHandler;
import cn.resettle.common.inbox.NotYetKnownException;
import cn.resettle.common.registry.RegistryProjection;
import cn.resettle.monitoring.risk.Households;
import cn.resettle.monitoring.risk.RiskEnums.Source;
import cn.resettle.monitoring.risk.RiskService;
import cn.resettle.monitoring.rules.RiskCategory;
import cn.resettle.monitoring.rules.RiskRules.Finding;
import cn.resettle.monitoring.rules.Severity;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

/**
 * Everything monitoring hears, on one channel over the community, employment and industry topics:
 * registry changes (its copy), task events (the measures of assistance plans), a job lost that left a household
 * without anyone employed (a JOB_LOSS risk), a hazard or disaster at a site (the affected households flagged).
 */
@ApplicationScoped
public class DomainEventsConsumer implements InboxHandler {

    private static final Logger LOG = Logger.getLogger(DomainEventsConsumer.class);

    @Inject
    IdempotentConsumer inbox;
    @Inject
    RegistryProjection registry;
    @Inject
    EventCodec codec;
    @Inject
    RiskService risks;
    @Inject
    Households households;
    @Inject
    EntityManager em;
    @Inject
    cn.resettle.monitoring.industry.WorkshopStoppedHandler workshops;
    @Inject
    cn.resettle.monitoring.industry.IncomeEvidenceHandler income;
    @Inject
    cn.resettle.monitoring.employment.EmploymentChangeHandler employmentChanges;
    @Inject
    cn.resettle.monitoring.command.CommandProjection command;

    @Incoming("domain-events")
    @Blocking
    public void onEvents(ConsumerRecords<String, String> batch) {
        inbox.consumeBatch(this, batch);
    }

    @Override
    public String channel() {
        return "domain-events";
    }

    @Override
    public void apply(EventEnvelope e) {
        applyDomain(e);
        command.applyAll(List.of(e));
    }

    /** What monitoring itself does with an event (the command view's projection is applied beside it). */
    private void applyDomain(EventEnvelope e) {
        if (registry.apply(e)) {
            return;
        }
        switch (e.type()) {
            case TaskEvents.CREATED -> risks.onTaskCreated(codec.data(e, TaskEvents.TaskCreated.class));
            case TaskEvents.COMPLETED -> risks.onTaskCompleted(codec.data(e, TaskEvents.TaskCompleted.class));
            case TaskEvents.DECLINED -> risks.onTaskDeclined(codec.data(e, TaskEvents.TaskDeclined.class));
            case TaskEvents.CANCELLED -> risks.onTaskCancelled(codec.data(e, TaskEvents.TaskCancelled.class));
            case EmploymentEvents.JOB_LOST -> onJobLost(codec.data(e, EmploymentEvents.JobLost.class));
            case CommunityEvents.HAZARD_RECORDED -> onHazard(codec.data(e, CommunityEvents.HazardRecorded.class));
            case cn.resettle.common.events.IndustryEvents.WORKSHOP_STOPPED ->
                    workshops.onStopped(codec.data(e, cn.resettle.common.events.IndustryEvents.WorkshopStopped.class));
            case cn.resettle.common.events.IndustryEvents.INCOME_PAID ->
                    income.onIncomePaid(codec.data(e, cn.resettle.common.events.IndustryEvents.IncomePaid.class));
            case EmploymentEvents.PLACEMENT_STARTED ->
                    employmentChanges.onStarted(codec.data(e, EmploymentEvents.PlacementStarted.class));
            case EmploymentEvents.PLACEMENT_ENDED ->
                    employmentChanges.onEnded(codec.data(e, EmploymentEvents.PlacementEnded.class));
            default -> {
                // another domain's event monitoring does not act on
            }
        }
    }

    /** Registry changes set-based (runs of household events), everything else in its place in the order. */
    @Override
    public void applyAll(List<EventEnvelope> events) {
        registry.applyAll(events, this::applyDomain);
        command.applyAll(events);
    }

    @Override
    public boolean appliesInBatches() {
        return true;
    }

    private void onJobLost(EmploymentEvents.JobLost lost) {
        if (lost.householdWithoutEmployment()) {
            // a household monitoring does not know yet: wait for its registry copy rather than drop the warning
            var h = households.find(lost.householdId()).orElseThrow(() ->
                    new NotYetKnownException(lost.householdId(), "registry copy of household"));
            risks.flag(h, new Finding(RiskCategory.JOB_LOSS, Severity.HIGH,
                            "就业部门预警: 家庭成员失业后无人就业 (" + (lost.reason() == null ? "job lost" : lost.reason()) + ")"),
                    Source.JOB_LOSS_EVENT, YearMonth.now(), "employment-service");
        }
    }

    private void onHazard(CommunityEvents.HazardRecorded hz) {
        RiskCategory category = "HOUSING".equals(hz.category()) || "GEOLOGICAL".equals(hz.category())
                ? RiskCategory.HOUSING_SAFETY : RiskCategory.DISASTER;
        Severity severity = hz.severity() == null ? Severity.HIGH : Severity.valueOf(hz.severity());
        for (UUID id : affected(hz)) {
            // named households monitoring does not know yet: wait for their registry copy (all or nothing)
            var h = households.find(id).orElseThrow(() -> new NotYetKnownException(id, "registry copy of household"));
            risks.flag(h, new Finding(category, severity,
                    "安置点 " + hz.siteCode() + " 记录隐患/灾害: " + hz.description()), Source.HAZARD_EVENT, YearMonth.now(),
                    "community-service");
        }
    }

    @SuppressWarnings("unchecked")
    private List<UUID> affected(CommunityEvents.HazardRecorded hz) {
        if (hz.householdIds() != null && !hz.householdIds().isEmpty()) {
            return hz.householdIds();
        }
        return em.createNativeQuery("select id from registry_household where site_code = ?1 and status = 'ACTIVE'")
                .setParameter(1, hz.siteCode()).getResultList();
    }
}
