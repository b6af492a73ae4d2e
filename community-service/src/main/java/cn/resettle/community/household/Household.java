package cn.resettle.community.household;

import cn.resettle.community.household.Enums.HouseType;
import cn.resettle.community.household.Enums.HouseholdStatus;
import cn.resettle.community.household.Enums.PlacementType;
import cn.resettle.community.household.Enums.RelocationType;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A relocated household 搬迁户, the aggregate root of its members. {@code regionCode} is the 9-digit township code
 * (the data-scope key); {@code siteCode} is set for centralized placement. Households are never deleted: they
 * move out. Any change to a member bumps the household's version, so the version orders all its events.
 */
@Entity
@Table(name = "household")
public class Household extends PanacheEntityBase {
    @Id
    public UUID id;
    @Version
    public long version;
    @Column(name = "household_no", nullable = false, unique = true)
    public String householdNo;
    @Column(name = "site_id")
    public UUID siteId;
    @Column(name = "site_code")
    public String siteCode;
    @Column(name = "region_code", nullable = false)
    public String regionCode;
    @Enumerated(EnumType.STRING)
    @Column(name = "relocation_type", nullable = false)
    public RelocationType relocationType;
    @Enumerated(EnumType.STRING)
    @Column(name = "placement_type", nullable = false)
    public PlacementType placementType;
    @Enumerated(EnumType.STRING)
    @Column(name = "house_type")
    public HouseType houseType;
    @Column(name = "house_area")
    public BigDecimal houseArea;
    @Column(name = "origin_place")
    public String originPlace;
    @Column(name = "origin_region_code")
    public String originRegionCode;
    @Column(name = "homestead_area")
    public BigDecimal homesteadArea;
    @Column(name = "farmland_mu")
    public BigDecimal farmlandMu;
    @Column(name = "forest_mu")
    public BigDecimal forestMu;
    public String phone;
    @Column(name = "relocated_on")
    public LocalDate relocatedOn;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public HouseholdStatus status;
    @Column(name = "moved_out_on")
    public LocalDate movedOutOn;
    @Column(name = "moved_out_reason")
    public String movedOutReason;
    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @OneToMany(mappedBy = "household", cascade = CascadeType.ALL)
    @OrderBy("seq")
    // the ledger reads 500 households a chunk: their members in 5 statements, not 32 (the default batch is 16)
    @org.hibernate.annotations.BatchSize(size = 100)
    public List<Person> members = new ArrayList<>();

    public static Optional<Household> findByNo(String householdNo) {
        return find("householdNo", householdNo).firstResultOptional();
    }

    public void touch() {
        updatedAt = OffsetDateTime.now();
    }
}
