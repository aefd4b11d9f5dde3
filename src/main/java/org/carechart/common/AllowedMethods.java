package org.carechart.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The methods each path supports, for the {@code Allow} header of a 405: RESTEasy Reactive refuses
 * a wrong method without naming the right ones. Read once from the OpenAPI document the build
 * generates, which lists every published operation.
 */
@ApplicationScoped
public class AllowedMethods {

    private static final String[] DOCUMENTS = {"META-INF/quarkus-generated-openapi-doc.JSON",
            "META-INF/quarkus-generated-openapi-doc.json"};
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private record Route(Pattern path, Set<String> methods) {
    }

    @Inject
    ObjectMapper json;

    private volatile List<Route> routes;

    /** The methods of the operation at this path, with HEAD and OPTIONS as JAX-RS adds them; empty when unknown. */
    public Set<String> forPath(String path) {
        Set<String> allowed = new TreeSet<>();
        if (path == null) {
            return allowed;
        }
        for (Route route : routes()) {
            if (route.path().matcher(path).matches()) {
                allowed.addAll(route.methods());
            }
        }
        if (allowed.contains("GET")) {
            allowed.add("HEAD");
        }
        if (!allowed.isEmpty()) {
            allowed.add("OPTIONS");
        }
        return allowed;
    }

    private List<Route> routes() {
        List<Route> known = routes;
        if (known == null) {
            known = load();
            routes = known;
        }
        return known;
    }

    private List<Route> load() {
        List<Route> loaded = new ArrayList<>();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (String name : DOCUMENTS) {
            try (InputStream in = loader.getResourceAsStream(name)) {
                if (in == null) {
                    continue;
                }
                JsonNode paths = json.readTree(in).path("paths");
                for (Iterator<String> it = paths.fieldNames(); it.hasNext(); ) {
                    String template = it.next();
                    Set<String> methods = new TreeSet<>();
                    paths.get(template).fieldNames().forEachRemaining(m -> {
                        if (METHODS.contains(m)) {
                            methods.add(m.toUpperCase(Locale.ROOT));
                        }
                    });
                    String regex = Pattern.quote(template).replaceAll("\\{[^/}]+}", "\\\\E[^/]+\\\\Q");
                    loaded.add(new Route(Pattern.compile(regex), methods));
                }
                return loaded;
            } catch (IOException | RuntimeException e) {
                return loaded;
            }
        }
        return loaded;
    }
}
