package cn.resettle.employment.jobs;

import cn.resettle.common.web.DictionaryEntry;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;
import java.util.UUID;

/** Who offers jobs: an enterprise, an assistance workshop, a work-relief project or a public-welfare post unit. */
@Entity
@Table(name = "employer")
public class Employer {

    public enum Kind implements DictionaryEntry.Labelled {
        ENTERPRISE("企业"), WORKSHOP("帮扶车间"), WORK_RELIEF("以工代赈项目"), PUBLIC_WELFARE("公益性岗位设岗单位"), OTHER("其他");
        private final String label;

        Kind(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    @Id
    public UUID id;
    @Version
    public long version;
    @Column(nullable = false)
    public String name;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;
    @Column(name = "credit_code")
    public String creditCode;
    @Column(name = "region_code", nullable = false)
    public String regionCode;
    public String address;
    @Column(name = "contact_name")
    public String contactName;
    @Column(name = "contact_phone")
    public String contactPhone;
    @Column(name = "created_by", nullable = false)
    public String createdBy;
    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}
