package cn.resettle.common.validation;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.LocalDate;

/** A valid 18-character citizen ID number (GB 11643); null is left to {@code @NotNull}. */
@Documented
@Constraint(validatedBy = CitizenId.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface CitizenId {
    String message() default "不是有效的身份证号 invalid citizen ID number";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<CitizenId, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext ctx) {
            if (value == null) {
                return true;
            }
            var problem = CitizenIds.check(CitizenIds.normalize(value), LocalDate.now());
            if (problem.isEmpty()) {
                return true;
            }
            ctx.disableDefaultConstraintViolation();
            ctx.buildConstraintViolationWithTemplate("不是有效的身份证号: " + problem.get().message).addConstraintViolation();
            return false;
        }
    }
}
