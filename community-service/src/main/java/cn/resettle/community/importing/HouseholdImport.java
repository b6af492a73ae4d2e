package cn.resettle.community.importing;

import cn.resettle.common.events.CommunityEvents.MemberAdded;
import cn.resettle.common.events.Topics;
import cn.resettle.common.importing.TabularReader;
import cn.resettle.common.outbox.Outbox;
import cn.resettle.common.problem.DomainException;
import cn.resettle.common.problem.Problem;
import cn.resettle.common.registry.EmploymentStatus;
import cn.resettle.common.registry.LabourCapacity;
import cn.resettle.common.security.DataScope;
import cn.resettle.common.validation.CitizenIds;
import cn.resettle.common.validation.ControlCharacters;
import cn.resettle.community.household.Enums.Education;
import cn.resettle.community.household.Enums.Health;
import cn.resettle.community.household.Enums.HouseType;
import cn.resettle.community.household.Enums.PlacementType;
import cn.resettle.community.household.Enums.Relationship;
import cn.resettle.community.household.Enums.RelocationType;
import cn.resettle.community.household.Enums;
import cn.resettle.community.household.Household;
import cn.resettle.community.household.HouseholdDtos.HouseholdRequest;
import cn.resettle.community.household.HouseholdDtos.MemberRequest;
import cn.resettle.community.household.HouseholdService;
import cn.resettle.community.household.Person;
import cn.resettle.community.importing.ImportDtos.ImportReport;
import cn.resettle.community.importing.ImportDtos.RowError;
import cn.resettle.community.site.Site;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bulk import of households and people, one row per person, as county staff hand them over. Each row is checked
 * with the same rules as the API; good rows go in, every bad row is reported with its row number and reason.
 * Households are matched on 户编号 and people on their ID number, so importing the same file twice creates
 * nothing the second time. Each household is its own transaction (with its events), so one bad household
 * never takes the others down.
 */
@ApplicationScoped
public class HouseholdImport {

    public static final int MAX_ERRORS_LISTED = 2_000;

    @ConfigProperty(name = "resettle.import.max-rows", defaultValue = "50000")
    int maxRows;
    @ConfigProperty(name = "resettle.import.max-blank-rows", defaultValue = "10000")
    int maxBlankRows;
    /** The registry's limit (HouseholdRequest.members); a larger household also makes an event the broker refuses. */
    @ConfigProperty(name = "resettle.import.max-members", defaultValue = "30")
    int maxMembers;

    private static DomainException tooLarge(String detail) {
        return new DomainException(413, "file-too-large", "文件过大 File too large", detail);
    }

    private static String cell(TabularReader.Line line, Map<Column, Integer> idx, Column c) {
        Integer i = idx.get(c);
        String s = i == null || i >= line.cells().size() ? null : line.cells().get(i);
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** Column headers (Chinese, as in the template) and the field names the error report uses. */
    enum Column {
        HOUSEHOLD_NO("户编号", "householdNo", true),
        SITE_CODE("安置点编码", "siteCode", false),
        REGION_CODE("乡镇代码", "regionCode", false),
        RELOCATION_TYPE("搬迁类型", "relocationType", true),
        PLACEMENT_TYPE("安置方式", "placementType", false),
        HOUSE_TYPE("住房类型", "houseType", false),
        ORIGIN_PLACE("迁出地", "originPlace", false),
        RELOCATED_ON("入住日期", "relocatedOn", false),
        RELATIONSHIP("与户主关系", "relationship", true),
        NAME("姓名", "name", true),
        ID_NUMBER("身份证号", "idNumber", true),
        EDUCATION("文化程度", "education", false),
        HEALTH("健康状况", "health", false),
        LABOUR("劳动能力", "labourCapacity", true),
        EMPLOYMENT("就业状况", "employmentStatus", true),
        SKILLS("技能", "skills", false),
        WORKPLACE("务工地点", "workplace", false),
        PHONE("联系电话", "phone", false);

        final String header;
        final String field;
        final boolean required;

        Column(String header, String field, boolean required) {
            this.header = header;
            this.field = field;
            this.required = required;
        }
    }

    public static String templateCsv() {
        StringBuilder sb = new StringBuilder("\uFEFF");
        for (Column c : Column.values()) {
            sb.append(c.ordinal() == 0 ? "" : ",").append(c.header);
        }
        sb.append("\r\n");
        sb.append("XG-H-0001,XG-LJ-001,,脱贫搬迁户,集中安置,套房,兴国县某村,2019-12-01,户主,张三,")
                .append("360732198001010015").append(",初中,健康,普通劳动力,县内务工,电工,县工业园,13800001111\r\n");
        return sb.toString();
    }

    @Inject
    Validator validator;
    @Inject
    DataScope scope;
    @Inject
    HouseholdService households;
    @Inject
    Outbox outbox;

    /** Households written per transaction by the bulk path. */
    @ConfigProperty(name = "resettle.import.chunk", defaultValue = "200")
    int chunk;
    @Inject
    jakarta.persistence.EntityManager em;
    private static final org.jboss.logging.Logger log = org.jboss.logging.Logger.getLogger(HouseholdImport.class);

    record ParsedRow(int row, String householdNo, String siteCode, HouseholdRequest household, MemberRequest member) {
    }

    /**
     * Reads the file row by row and checks the limits as it goes: more than {@code maxRows} data rows (or more
     * than {@code maxBlankRows} blank ones, which are not counted as rows but cannot pad a file forever) stops
     * the reading with a 413; a household with more than {@code maxMembers} rows is refused with a 422 naming
     * the rows, before anything is written.
     */
    public ImportReport importFile(Path file, String fileName) {
        return importFile(file, fileName, null, null);
    }

    /**
     * As {@link #importFile(Path, String)}, telling {@code rowsRead} how many data rows the file has once it is read
     * and {@code progress} (rows done, errors so far) after each chunk: the import job's progress.
     */
    public ImportReport importFile(Path file, String fileName, java.util.function.IntConsumer rowsRead,
                                   java.util.function.BiConsumer<Integer, List<RowError>> progress) {
        @SuppressWarnings("unchecked")
        Map<Column, Integer>[] columns = new Map[1];
        List<RowError> errors = new ArrayList<>();
        Map<String, List<ParsedRow>> byHousehold = new LinkedHashMap<>();
        Map<String, Integer> rowsPerHousehold = new HashMap<>();
        List<Problem.Violation> overFull = new ArrayList<>();
        int[] counts = new int[3]; // data rows, blank rows, rows of over-full households
        TabularReader.read(file, fileName, line -> {
            if (columns[0] == null) {
                columns[0] = headerIndex(line);
                return;
            }
            if (line.blank()) {
                if (++counts[1] > maxBlankRows) {
                    throw tooLarge("more than " + maxBlankRows + " blank rows (row " + line.rowNumber() + "); remove them");
                }
                return;
            }
            if (++counts[0] > maxRows) {
                throw tooLarge("at most " + maxRows + " rows per file (row " + line.rowNumber() + " is one too many); split it");
            }
            String householdNo = cell(line, columns[0], Column.HOUSEHOLD_NO);
            if (householdNo != null) {
                int n = rowsPerHousehold.merge(householdNo, 1, Integer::sum);
                if (n > maxMembers) {
                    if (++counts[2] <= MAX_ERRORS_LISTED) {
                        overFull.add(new Problem.Violation("rows[" + line.rowNumber() + "].householdNo",
                                "第" + line.rowNumber() + "行: 户 " + householdNo + " 超过 " + maxMembers + " 名成员 / household "
                                        + householdNo + " has more than " + maxMembers + " members"));
                    }
                    return;
                }
            }
            ParsedRow parsed = parse(line, columns[0], errors);
            if (parsed != null) {
                byHousehold.computeIfAbsent(parsed.householdNo(), k -> new ArrayList<>()).add(parsed);
            }
        });
        if (columns[0] == null || counts[0] == 0) {
            throw DomainException.unprocessable("empty-file", "the file has no rows");
        }
        if (!overFull.isEmpty()) {
            throw new DomainException(422, "household-too-large", "户成员过多 Household too large",
                    counts[2] + " rows exceed " + maxMembers + " members per household; nothing was imported", overFull);
        }
        int rows = counts[0];
        if (rowsRead != null) {
            rowsRead.accept(rows);
        }
        int created = 0;
        int added = 0;
        int duplicates = 0;
        Map<String, Site> sites = new HashMap<>();
        Map<String, String> claimed = new HashMap<>(); // ID number -> household number, over the whole file
        List<List<ParsedRow>> all = new ArrayList<>(byHousehold.values());
        int done = rows - counted(all); // rows refused while reading are done
        for (int from = 0; from < all.size(); from += chunk) {
            List<List<ParsedRow>> part = all.subList(from, Math.min(all.size(), from + chunk));
            List<RowError> chunkErrors = new ArrayList<>();
            List<List<ParsedRow>> oneByOne = new ArrayList<>();
            Outcome o = new Outcome();
            try {
                QuarkusTransaction.requiringNew().run(() -> importChunk(part, sites, claimed, chunkErrors, oneByOne, o));
            } catch (RuntimeException ex) {
                // the chunk lost a race (a household or person registered meanwhile): the slow path sorts it out
                log.debugf("import chunk fell back to one household per transaction: %s", ex.toString());
                chunkErrors.clear();
                oneByOne.clear();
                oneByOne.addAll(part);
                o.created = 0;
                o.added = 0;
                o.duplicates = 0;
            }
            errors.addAll(chunkErrors);
            for (List<ParsedRow> household : oneByOne) {
                Outcome one = importHousehold(household, sites, errors);
                o.created += one.created;
                o.added += one.added;
                o.duplicates += one.duplicates;
            }
            created += o.created;
            added += o.added;
            duplicates += o.duplicates;
            done += counted(part);
            if (progress != null) {
                progress.accept(done, errors);
            }
        }
        errors.sort(java.util.Comparator.comparingInt(RowError::row));
        int rejected = (int) errors.stream().mapToInt(RowError::row).distinct().count();
        List<RowError> listed = errors.size() > MAX_ERRORS_LISTED ? errors.subList(0, MAX_ERRORS_LISTED) : errors;
        return new ImportReport(rows, created, added, duplicates, rejected, List.copyOf(listed));
    }

    private static int counted(List<List<ParsedRow>> households) {
        return households.stream().mapToInt(List::size).sum();
    }

    /**
     * New households of a chunk in one transaction: one statement finds which household numbers exist, one which ID
     * numbers; the rest is inserts in JDBC batches (households, people, outbox rows) at commit. Households that
     * already exist (members added to them) go to {@code oneByOne}, the slow path.
     */
    private void importChunk(List<List<ParsedRow>> part, Map<String, Site> siteCache, Map<String, String> claimed,
                             List<RowError> errors, List<List<ParsedRow>> oneByOne, Outcome o) {
        List<String> nos = part.stream().map(rows -> rows.get(0).householdNo()).toList();
        java.util.Set<String> existing = new java.util.HashSet<>(em.createQuery(
                "select h.householdNo from Household h where h.householdNo in :nos", String.class).setParameter("nos", nos).getResultList());
        List<String> ids = part.stream().flatMap(List::stream).map(r -> CitizenIds.normalize(r.member().idNumber())).toList();
        Map<String, String> registered = new HashMap<>();
        for (Object[] r : em.createQuery("select p.idNumber, p.household.householdNo from Person p where p.idNumber in :ids", Object[].class)
                .setParameter("ids", ids).getResultList()) {
            registered.put((String) r[0], (String) r[1]);
        }
        for (List<ParsedRow> rows : part) {
            ParsedRow first = rows.get(0);
            if (existing.contains(first.householdNo())) {
                oneByOne.add(rows);
                continue;
            }
            List<RowError> local = new ArrayList<>();
            List<ParsedRow> fresh = new ArrayList<>();
            java.util.Set<String> inHousehold = new java.util.HashSet<>();
            for (ParsedRow r : rows) {
                String id = CitizenIds.normalize(r.member().idNumber());
                String owner = registered.get(id);
                if (!inHousehold.add(id)) {
                    local.add(new RowError(r.row(), "idNumber", "the same ID number appears twice in this household"));
                } else if (owner != null || (claimed.containsKey(id) && !claimed.get(id).equals(first.householdNo()))) {
                    local.add(new RowError(r.row(), "idNumber", "already registered in another household"));
                } else {
                    fresh.add(r);
                }
            }
            if (fresh.isEmpty()) {
                errors.addAll(local);
                continue;
            }
            try {
                HouseholdRequest base = resolveSite(first, siteCache);
                HouseholdRequest req = new HouseholdRequest(base.householdNo(), base.siteId(), base.regionCode(),
                        base.relocationType(), base.placementType(), base.houseType(), base.houseArea(),
                        base.originPlace(), base.originRegionCode(), base.homesteadArea(), base.farmlandMu(),
                        base.forestMu(), base.phone(), base.relocatedOn(), fresh.stream().map(ParsedRow::member).toList());
                households.createChecked(req, base.siteId() == null ? null : siteCache.get(first.siteCode()));
            } catch (DomainException ex) {
                String field = ex.violations().isEmpty() ? "householdNo" : ex.violations().get(0).field();
                for (ParsedRow r : rows) {
                    errors.add(new RowError(r.row(), field, ex.getMessage()));
                }
                continue;
            }
            for (ParsedRow r : fresh) {
                claimed.put(CitizenIds.normalize(r.member().idNumber()), first.householdNo());
            }
            errors.addAll(local);
            o.created++;
            o.added += fresh.size();
        }
    }

    private static final class Outcome {
        int created;
        int added;
        int duplicates;
    }

    private Outcome importHousehold(List<ParsedRow> rows, Map<String, Site> siteCache, List<RowError> errors) {
        Outcome o = new Outcome();
        ParsedRow first = rows.get(0);
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                Household existing = Household.findByNo(first.householdNo()).orElse(null);
                List<ParsedRow> fresh = new ArrayList<>();
                List<RowError> local = new ArrayList<>();
                java.util.Set<String> inFile = new java.util.HashSet<>();
                for (ParsedRow r : rows) {
                    String id = CitizenIds.normalize(r.member().idNumber());
                    if (!inFile.add(id)) {
                        local.add(new RowError(r.row(), "idNumber", "the same ID number appears twice in this household"));
                        continue;
                    }
                    Person p = Person.findByIdNumber(id).orElse(null);
                    if (p == null) {
                        fresh.add(r);
                    } else if (p.household.householdNo.equals(first.householdNo())) {
                        o.duplicates++;
                    } else {
                        local.add(new RowError(r.row(), "idNumber", "already registered in another household"));
                    }
                }
                if (existing == null) {
                    if (fresh.isEmpty()) {
                        errors.addAll(local);
                        return;
                    }
                    HouseholdRequest base = resolveSite(first, siteCache);
                    List<MemberRequest> members = fresh.stream().map(ParsedRow::member).toList();
                    HouseholdRequest req = new HouseholdRequest(base.householdNo(), base.siteId(), base.regionCode(),
                            base.relocationType(), base.placementType(), base.houseType(), base.houseArea(),
                            base.originPlace(), base.originRegionCode(), base.homesteadArea(), base.farmlandMu(),
                            base.forestMu(), base.phone(), base.relocatedOn(), members);
                    households.create(req);
                    o.created++;
                    o.added += fresh.size();
                } else {
                    if (!scope.allows(existing.regionCode, existing.siteCode)) {
                        throw DomainException.forbidden("household " + existing.householdNo + " is outside your data scope");
                    }
                    if (existing.members.size() + fresh.size() > maxMembers) {
                        for (ParsedRow r : fresh) {
                            local.add(new RowError(r.row(), "householdNo", "户 " + existing.householdNo + " 已有 "
                                    + existing.members.size() + " 名成员, 不能超过 " + maxMembers + " / the household would have more than "
                                    + maxMembers + " members"));
                        }
                        fresh.clear();
                    }
                    for (ParsedRow r : fresh) {
                        Person p = households.addPerson(existing, r.member());
                        existing.touch();
                        households.flush();
                        outbox.publish(Topics.COMMUNITY, existing.id, new MemberAdded(households.snapshot(existing), p.id));
                        o.added++;
                    }
                }
                errors.addAll(local);
            });
        } catch (DomainException ex) {
            o.created = 0;
            o.added = 0;
            String field = ex.violations().isEmpty() ? "householdNo" : ex.violations().get(0).field();
            for (ParsedRow r : rows) {
                errors.add(new RowError(r.row(), field, ex.getMessage()));
            }
        }
        return o;
    }

    private HouseholdRequest resolveSite(ParsedRow r, Map<String, Site> cache) {
        HouseholdRequest h = r.household();
        if (r.siteCode() == null) {
            return h;
        }
        Site site = cache.computeIfAbsent(r.siteCode(), code -> Site.findByCode(code).orElse(null));
        if (site == null || !scope.allows(site.townshipCode, site.code)) {
            throw new DomainException(422, "unknown-site", "无法处理 Rule violated", "site " + r.siteCode()
                    + " does not exist or is outside your data scope", List.of(new Problem.Violation("siteCode", "unknown site")));
        }
        return new HouseholdRequest(h.householdNo(), site.id, h.regionCode(), h.relocationType(), h.placementType(),
                h.houseType(), h.houseArea(), h.originPlace(), h.originRegionCode(), h.homesteadArea(), h.farmlandMu(),
                h.forestMu(), h.phone(), h.relocatedOn(), null);
    }

    private Map<Column, Integer> headerIndex(TabularReader.Line header) {
        Map<Column, Integer> idx = new HashMap<>();
        for (int i = 0; i < header.cells().size(); i++) {
            String h = header.cells().get(i);
            for (Column c : Column.values()) {
                if (c.header.equals(h) || c.field.equalsIgnoreCase(h)) {
                    idx.put(c, i);
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (Column c : Column.values()) {
            if (c.required && !idx.containsKey(c)) {
                missing.add(c.header);
            }
        }
        if (!missing.isEmpty()) {
            throw new DomainException(422, "missing-columns", "缺少必填列 Missing columns",
                    "row 1 must name the columns; missing: " + String.join(", ", missing)
                            + " (download the template from /api/community/imports/households/template.csv)");
        }
        return idx;
    }

    private ParsedRow parse(TabularReader.Line line, Map<Column, Integer> idx, List<RowError> errors) {
        int before = errors.size();
        Map<Column, String> v = new HashMap<>();
        for (Column c : Column.values()) {
            Integer i = idx.get(c);
            String s = i == null || i >= line.cells().size() ? null : line.cells().get(i);
            if (s != null && s.isBlank()) {
                s = null;
            }
            if (ControlCharacters.present(s)) {
                errors.add(new RowError(line.rowNumber(), c.field, ControlCharacters.MESSAGE));
                s = null;
            }
            if (s == null && c.required) {
                errors.add(new RowError(line.rowNumber(), c.field, "required (" + c.header + ")"));
            }
            v.put(c, s);
        }
        RelocationType relocation = enumValue(RelocationType.class, v, Column.RELOCATION_TYPE, line, errors);
        PlacementType placement = enumValue(PlacementType.class, v, Column.PLACEMENT_TYPE, line, errors);
        if (placement == null) {
            placement = v.get(Column.SITE_CODE) != null ? PlacementType.CENTRALIZED : PlacementType.DISPERSED;
        }
        HouseType house = enumValue(HouseType.class, v, Column.HOUSE_TYPE, line, errors);
        Relationship rel = enumValue(Relationship.class, v, Column.RELATIONSHIP, line, errors);
        Education edu = enumValue(Education.class, v, Column.EDUCATION, line, errors);
        Health health = enumValue(Health.class, v, Column.HEALTH, line, errors);
        LabourCapacity labour = enumValue(LabourCapacity.class, v, Column.LABOUR, line, errors);
        EmploymentStatus emp = enumValue(EmploymentStatus.class, v, Column.EMPLOYMENT, line, errors);
        LocalDate relocatedOn = null;
        if (v.get(Column.RELOCATED_ON) != null) {
            try {
                relocatedOn = LocalDate.parse(v.get(Column.RELOCATED_ON).replace('/', '-'));
            } catch (DateTimeParseException e) {
                errors.add(new RowError(line.rowNumber(), Column.RELOCATED_ON.field, "not a date (use 2020-01-31)"));
            }
        }
        if (errors.size() > before) {
            return null;
        }
        MemberRequest member = new MemberRequest(v.get(Column.ID_NUMBER), v.get(Column.NAME), rel, edu, health, null,
                labour, v.get(Column.SKILLS), emp, null, v.get(Column.WORKPLACE), v.get(Column.PHONE));
        HouseholdRequest household = new HouseholdRequest(v.get(Column.HOUSEHOLD_NO), null, v.get(Column.REGION_CODE),
                relocation, placement, house, null, v.get(Column.ORIGIN_PLACE), null, null, null, null, null, relocatedOn, null);
        addViolations(validator.validate(member), line, errors);
        addViolations(validator.validate(household), line, errors);
        if (errors.size() > before) {
            return null;
        }
        return new ParsedRow(line.rowNumber(), household.householdNo(), v.get(Column.SITE_CODE), household, member);
    }

    private static <T> void addViolations(Set<ConstraintViolation<T>> violations, TabularReader.Line line, List<RowError> errors) {
        violations.stream()
                .sorted(java.util.Comparator.comparing(cv -> cv.getPropertyPath().toString()))
                .forEach(cv -> errors.add(new RowError(line.rowNumber(), cv.getPropertyPath().toString(), cv.getMessage())));
    }

    private static <E extends Enum<E> & cn.resettle.common.web.DictionaryEntry.Labelled> E enumValue(
            Class<E> type, Map<Column, String> v, Column c, TabularReader.Line line, List<RowError> errors) {
        try {
            return Enums.parse(type, v.get(c));
        } catch (IllegalArgumentException e) {
            errors.add(new RowError(line.rowNumber(), c.field, e.getMessage()));
            return null;
        }
    }
}
