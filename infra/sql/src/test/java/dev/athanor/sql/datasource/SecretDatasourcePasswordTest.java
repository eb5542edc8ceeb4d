package dev.athanor.sql.datasource;

import dev.athanor.model.secrets.SecretReader;
import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretDatasourcePasswordTest {

    private final List<String> read = new CopyOnWriteArrayList<>();

    @Test
    void the_datasource_password_comes_from_the_secret_named_by_arn() throws Exception {
        try (ApplicationContext context = start("plain-password")) {
            assertEquals(List.of("arn:aws:secretsmanager:us-east-1:000000000000:secret:ledger"), read);
            DatasourceConfiguration datasource = context.getBean(DatasourceConfiguration.class, Qualifiers.byName("default"));
            assertEquals("plain-password", datasource.getPassword());
            context.getBean(DataSource.class); // the pool opened the database with that password
            try (Connection connection = DriverManager.getConnection(datasource.getUrl(), "sa", "plain-password")) {
                assertTrue(connection.isValid(1));
            }
        }
    }

    @Test
    void an_rds_json_secret_gives_its_password_field() {
        try (ApplicationContext context = start("{\"username\":\"athanor\",\"password\":\"from-json\"}")) {
            DatasourceConfiguration datasource = context.getBean(DatasourceConfiguration.class, Qualifiers.byName("default"));
            assertEquals("from-json", datasource.getPassword());
        }
    }

    private ApplicationContext start(String secretValue) {
        ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false).eagerInitSingletons(true)
                .properties(Map.of(
                        "datasources.default.url", "jdbc:h2:mem:secret" + System.nanoTime() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1",
                        "datasources.default.username", "sa",
                        "athanor.ledger.password-secret-arn", "arn:aws:secretsmanager:us-east-1:000000000000:secret:ledger"))
                .build();
        context.registerSingleton(SecretReader.class, (SecretReader) id -> {
            read.add(id);
            return secretValue;
        });
        return context.start();
    }
}
