package io.github.employeestore.spring.sample;

import org.springframework.boot.test.context.SpringBootTest;

/** The starter and one property: a store on embedded H2 (the schema created at start-up). */
@SpringBootTest(classes = SampleApplication.class, properties = {
        "employee-store.url=jdbc:h2:mem:sample_app;DB_CLOSE_DELAY=-1", "employee-store.create-schema=true"})
class H2SampleApplicationTest extends AbstractSampleApplicationTest {
    @Override
    String expectedBackend() {
        return "h2";
    }
}
