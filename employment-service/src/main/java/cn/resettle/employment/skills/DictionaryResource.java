package cn.resettle.employment.skills;

import cn.resettle.common.registry.EmploymentStatus;
import cn.resettle.common.registry.LabourCapacity;
import cn.resettle.common.web.DictionaryEntry;
import cn.resettle.employment.labour.LabourList;
import cn.resettle.employment.tasks.Workforce;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.LinkedHashMap;
import java.util.Map;

/** Codes and their Chinese labels: the skills/occupations dictionary and every enum employment's API uses. */
@Path("/api/employment/dictionary")
@Tag(name = "字典 Dictionary")
@Authenticated
public class DictionaryResource {

    @Inject
    SkillDictionary skills;

    @GET
    @Operation(summary = "skills (the one skills/occupations dictionary: code, label, category) and every enum with its Chinese label")
    public Map<String, Object> dictionary() {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("skills", skills.all());
        all.put("skillCategory", DictionaryEntry.of(SkillDictionary.Category.class));
        all.put("labourCapacity", DictionaryEntry.of(LabourCapacity.class));
        all.put("employmentStatus", DictionaryEntry.of(EmploymentStatus.class));
        all.put("employmentKind", DictionaryEntry.of(Workforce.EmploymentKind.class));
        all.put("labourList", DictionaryEntry.of(LabourList.class));
        all.put("employerKind", DictionaryEntry.of(cn.resettle.employment.jobs.Employer.Kind.class));
        all.put("postingStatus", DictionaryEntry.of(cn.resettle.employment.jobs.JobPosting.Status.class));
        all.put("distanceClass", DictionaryEntry.of(cn.resettle.employment.matching.MatchScore.Distance.class));
        all.put("recommendationStatus", DictionaryEntry.of(cn.resettle.employment.matching.MatchingDtos.Status.class));
        all.put("contract", DictionaryEntry.of(cn.resettle.employment.placement.PlacementDtos.Contract.class));
        all.put("endReason", DictionaryEntry.of(cn.resettle.employment.placement.PlacementDtos.EndReason.class));
        all.put("placementStatus", DictionaryEntry.of(cn.resettle.employment.placement.PlacementDtos.Status.class));
        all.put("coverageLevel", DictionaryEntry.of(cn.resettle.employment.coverage.CoverageService.Level.class));
        all.put("service311Kind", DictionaryEntry.of(cn.resettle.employment.service311.Service311.Kind.class));
        all.put("rollStatus", DictionaryEntry.of(cn.resettle.employment.roll.WorkRollService.Status.class));
        all.put("trainingKind", DictionaryEntry.of(cn.resettle.employment.training.TrainingDtos.Kind.class));
        all.put("trainingPhase", DictionaryEntry.of(cn.resettle.employment.training.TrainingDtos.Phase.class));
        all.put("enrolmentStatus", DictionaryEntry.of(cn.resettle.employment.training.TrainingDtos.EnrolmentStatus.class));
        all.put("exportChannel", DictionaryEntry.of(cn.resettle.employment.export.LabourExportService.Channel.class));
        all.put("exportStatus", DictionaryEntry.of(cn.resettle.employment.export.LabourExportService.Status.class));
        return all;
    }
}
