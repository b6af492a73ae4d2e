package cn.resettle.employment.jobs;

import cn.resettle.common.web.DictionaryEntry;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A job posting (岗位) of an employer: open until its openings are filled, it is closed, or its validity ends. */
@Entity
@Table(name = "job_posting")
public class JobPosting {

    /** EXPIRED is never stored: an OPEN posting past its validity reads as EXPIRED ({@link #effectiveStatus}). */
    public enum Status implements DictionaryEntry.Labelled {
        OPEN("招聘中"), FILLED("已招满"), CLOSED("已关闭"), EXPIRED("已过期");
        private final String label;

        Status(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    /** The SQL of the effective status over a job_posting alias {@code j}. */
    public static final String EFFECTIVE_STATUS_SQL = "case when j.status = 'OPEN' and j.valid_until < current_date then 'EXPIRED' else j.status end";

    @Id
    public UUID id;
    @Version
    public long version;
    @Column(name = "employer_id", nullable = false)
    public UUID employerId;
    @Column(nullable = false)
    public String title;
    @Column(nullable = false)
    public String occupation;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "required_skills", nullable = false, columnDefinition = "varchar(24)[]")
    public String[] requiredSkills;
    @Column(name = "region_code", nullable = false)
    public String regionCode;
    public String workplace;
    @Column(name = "wage_min", nullable = false)
    public int wageMin;
    @Column(name = "wage_max", nullable = false)
    public int wageMax;
    @Column(nullable = false)
    public int openings;
    @Column(nullable = false)
    public int filled;
    @Column(name = "suitable_for_weak", nullable = false)
    public boolean suitableForWeak;
    @Column(name = "home_based", nullable = false)
    public boolean homeBased;
    @Column(name = "valid_from", nullable = false)
    public LocalDate validFrom;
    @Column(name = "valid_until", nullable = false)
    public LocalDate validUntil;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;
    @Column(name = "closed_reason")
    public String closedReason;
    @Column(name = "created_by", nullable = false)
    public String createdBy;
    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    public Status effectiveStatus(LocalDate today) {
        return status == Status.OPEN && validUntil.isBefore(today) ? Status.EXPIRED : status;
    }

    /** One more person placed on this posting; the posting closes as FILLED with its last opening. */
    public void fillOne() {
        if (effectiveStatus(LocalDate.now()) != Status.OPEN) {
            throw cn.resettle.common.problem.DomainException.unprocessable("posting-not-open",
                    "the posting is " + effectiveStatus(LocalDate.now()) + " and takes nobody more");
        }
        filled++;
        updatedAt = OffsetDateTime.now();
        if (filled >= openings) {
            status = Status.FILLED;
        }
    }
}
