package io.github.employeestore.testsupport;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test class (or method) that runs against a moto server: see {@link MotoServerExtension} (skipped with the install hint
 * where there is none, a failure on CI) and {@link MotoDynamoDb} (the shared server, clients, table names).
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(MotoServerExtension.class)
public @interface MotoTest {
}
