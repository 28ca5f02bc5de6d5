package io.github.employeestore.jdbc;

/** {@link AbstractPipelinedImportTest} on MariaDB through MariaDB Connector/J ({@code LOAD DATA LOCAL INFILE}). */
class MariaDbPipelinedImportTest extends AbstractPipelinedImportTest {
    @Override
    String url() {
        return TestDatabases.url(TestDatabases.Target.MARIADB_DRIVER);
    }
}
