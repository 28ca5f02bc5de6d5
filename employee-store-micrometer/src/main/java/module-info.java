/**
 * {@link io.github.employeestore.micrometer.ObservedEmployeeStore}: any store wrapped in Micrometer Observations.
 */
module io.github.employeestore.micrometer {
    requires transitive io.github.employeestore.api;
    requires transitive micrometer.observation;   // ObservationRegistry, ObservationConvention
    requires transitive micrometer.commons;       // KeyValues of the convention
    requires static org.jspecify;

    exports io.github.employeestore.micrometer;
}
