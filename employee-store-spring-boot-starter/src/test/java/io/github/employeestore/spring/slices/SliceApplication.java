package io.github.employeestore.spring.slices;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The application the slice tests of this package find (a slice searches up its package for one). */
@SpringBootApplication
class SliceApplication {
}
