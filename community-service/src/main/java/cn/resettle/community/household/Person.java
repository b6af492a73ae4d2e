package cn.resettle.community.household;

import cn.resettle.common.registry.EmploymentStatus;
import cn.resettle.common.registry.LabourCapacity;
import cn.resettle.community.household.Enums.Education;
import cn.resettle.community.household.Enums.Gender;
import cn.resettle.community.household.Enums.Health;
import cn.resettle.community.household.Enums.PersonStatus;
import cn.resettle.community.household.Enums.Relationship;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** A household member 家庭成员. The ID number is unique across the registry; gender and birth date come from it. */
@Entity
@Table(name = "person")
public class Person extends PanacheEntityBase {
    @Id
    public UUID id;
    @Version
    public long version;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "household_id")
    public Household household;
    public int seq;
    @Column(name = "id_number", nullable = false, unique = true)
    public String idNumber;
    @Column(nullable = false)
    public String name;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Gender gender;
    @Column(name = "birth_date", nullable = false)
    public LocalDate birthDate;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Relationship relationship;
    @Enumerated(EnumType.STRING)
    public Education education;
    @Enumerated(EnumType.STRING)
    public Health health;
    @Column(name = "disability_level")
    public Integer disabilityLevel;
    @Enumerated(EnumType.STRING)
    @Column(name = "labour_capacity", nullable = false)
    public LabourCapacity labourCapacity;
    public String skills;
    @Enumerated(EnumType.STRING)
    @Column(name = "employment_status", nullable = false)
    public EmploymentStatus employmentStatus;
    @Column(name = "training_wish")
    public String trainingWish;
    public String workplace;
    public String phone;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PersonStatus status;
    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    public static Optional<Person> findByIdNumber(String idNumber) {
        return find("idNumber", idNumber).firstResultOptional();
    }
}
