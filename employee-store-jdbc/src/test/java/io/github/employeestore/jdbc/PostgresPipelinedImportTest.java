package io.github.employeestore.jdbc;

/** {@link AbstractPipelinedImportTest} on PostgreSQL ({@code COPY}). */
class PostgresPipelinedImportTest extends AbstractPipelinedImportTest {
    @Override
    String url() {
        return TestDatabases.url(TestDatabases.Target.POSTGRESQL);
    }
}
