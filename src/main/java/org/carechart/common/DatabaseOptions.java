package org.carechart.common;

import io.vertx.pgclient.PgConnectOptions;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** Connection options for the service's own extra connections, from the same settings as the request pool. */
@org.carechart.common.OwnConnection("connection options for the connections of their own")
public final class DatabaseOptions {

    private DatabaseOptions() {
    }

    public static PgConnectOptions connectOptions() {
        Config config = ConfigProvider.getConfig();
        String url = config.getValue("quarkus.datasource.reactive.url", String.class);
        String uri = url.startsWith("vertx-reactive:") ? url.substring("vertx-reactive:".length()) : url;
        PgConnectOptions options = PgConnectOptions.fromUri(uri.split(",")[0].strip());
        config.getOptionalValue("quarkus.datasource.username", String.class).ifPresent(options::setUser);
        config.getOptionalValue("quarkus.datasource.password", String.class).ifPresent(options::setPassword);
        options.setConnectTimeout(5_000);
        return options;
    }
}
