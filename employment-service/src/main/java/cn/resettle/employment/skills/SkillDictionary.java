package cn.resettle.employment.skills;

import cn.resettle.common.problem.DomainException;
import cn.resettle.common.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one dictionary of skills and occupations (工种/技能, table {@code skill}). Every skill a person has or wishes,
 * every posting's occupation and required skills is a code from it: an unknown code is refused (422 naming the
 * field), so matching compares codes, never free text.
 */
@ApplicationScoped
@Transactional
public class SkillDictionary {

    public enum Category implements cn.resettle.common.web.DictionaryEntry.Labelled {
        GENERAL("通用"), CONSTRUCTION("建筑施工"), MANUFACTURING("加工制造"), SERVICES("生活服务"),
        AGRICULTURE("种养殖"), HANDICRAFT("手工/来料加工"), PUBLIC_WELFARE("公益性岗位类");
        private final String label;

        Category(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    public record Skill(String code, String label, String category, String categoryLabel) {
    }

    @Inject
    EntityManager em;

    public List<Skill> all() {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("select code, label, category from skill where active order by sort, code", Tuple.class)
                .getResultList();
        return rows.stream().map(t -> new Skill(t.get("code", String.class), t.get("label", String.class),
                t.get("category", String.class), Category.valueOf(t.get("category", String.class)).label())).toList();
    }

    public Map<String, String> labels() {
        return all().stream().collect(Collectors.toMap(Skill::code, Skill::label));
    }

    /**
     * The codes, de-duplicated in their order, each one checked against the dictionary; unknown codes are a 422
     * naming {@code field} and the codes.
     */
    public List<String> require(String field, List<String> codes) {
        if (codes == null || codes.isEmpty()) {
            return List.of();
        }
        Set<String> wanted = new LinkedHashSet<>(codes);
        @SuppressWarnings("unchecked")
        List<String> known = em.createNativeQuery("select code from skill where active and code in (:codes)")
                .setParameter("codes", wanted).getResultList();
        List<String> unknown = new ArrayList<>(wanted);
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new DomainException(422, "unknown-skill", "未知技能代码 Unknown skill code",
                    field + ": not in the skills dictionary (GET /api/employment/dictionary): " + unknown,
                    List.of(new Problem.Violation(field, "unknown skill code " + unknown)));
        }
        return List.copyOf(wanted);
    }

    public String require(String field, String code) {
        return require(field, List.of(code)).get(0);
    }
}
