package cn.resettle.community.site;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** A resettlement site 安置点. {@code code} is the business key officials use (and the token's site scope). */
@Entity
@Table(name = "site")
public class Site extends PanacheEntityBase {
    @Id
    public UUID id;
    @Version
    public long version;
    @Column(nullable = false, unique = true)
    public String code;
    @Column(nullable = false)
    public String name;
    @Column(name = "county_code", nullable = false)
    public String countyCode;
    @Column(name = "township_code", nullable = false)
    public String townshipCode;
    @Enumerated(EnumType.STRING)
    @Column(name = "area_type", nullable = false)
    public AreaType areaType;
    public String address;
    @Column(name = "chief_name")
    public String chiefName;
    @Column(name = "chief_phone")
    public String chiefPhone;
    @Column(name = "planned_households")
    public Integer plannedHouseholds;
    @Column(name = "planned_people")
    public Integer plannedPeople;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SiteStatus status;
    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    public static Optional<Site> findByCode(String code) {
        return find("code", code).firstResultOptional();
    }
}
