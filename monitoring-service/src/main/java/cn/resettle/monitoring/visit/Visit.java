package cn.resettle.monitoring.visit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A monthly return visit 每月回访, one per household per month. */
@Entity
@Table(name = "visit")
public class Visit extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "household_id", nullable = false)
    public UUID householdId;
    @Column(name = "household_no")
    public String householdNo;
    @Column(name = "region_code", nullable = false)
    public String regionCode;
    @Column(name = "site_code")
    public String siteCode;
    @Column(name = "visit_month", nullable = false)
    public String visitMonth;
    @Column(name = "visited_on", nullable = false)
    public LocalDate visitedOn;
    @Column(nullable = false)
    public String visitor;
    @Column(name = "household_size")
    public Integer householdSize;
    @Column(name = "per_capita_income", nullable = false)
    public BigDecimal perCapitaIncome;
    @Column(name = "medical_expense")
    public BigDecimal medicalExpense;
    @Column(name = "health_change")
    public String healthChange;
    @Column(name = "industry_change")
    public String industryChange;
    @Column(name = "employment_change")
    public String employmentChange;
    @Column(name = "unsafe_housing")
    public boolean unsafeHousing;
    @Column(name = "unsafe_water")
    public boolean unsafeWater;
    @Column(name = "child_out_of_school")
    public boolean childOutOfSchool;
    @Column(name = "sudden_difficulty")
    public String suddenDifficulty;
    @Column(name = "policies_received")
    public String policiesReceived;
    @Column(name = "cadre_paired")
    public Boolean cadrePaired;
    public Boolean integrated;
    @Column(name = "demands_solved")
    public Boolean demandsSolved;
    public String note;
    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}
