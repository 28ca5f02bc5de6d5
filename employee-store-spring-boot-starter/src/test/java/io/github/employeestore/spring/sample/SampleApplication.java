package io.github.employeestore.spring.sample;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A fresh application, in a package of its own, with nothing but the starter on its class path and a property or two. */
@SpringBootApplication
class SampleApplication {
}
