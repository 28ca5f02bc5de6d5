package io.github.employeestore.jdbc;

/** {@link AbstractPipelinedImportTest} on embedded H2 (the JDBC batch path). */
class H2PipelinedImportTest extends AbstractPipelinedImportTest {
    @Override
    String url() {
        return "jdbc:h2:mem:pipelined_import;DB_CLOSE_DELAY=-1";
    }
}
