package cn.resettle.common.web;

import cn.resettle.common.problem.ControlCharacterException;
import cn.resettle.common.validation.ControlCharacters;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Refuses control characters in every text that comes in: JSON string values (through the application's
 * ObjectMapper, so the 400 names the JSON field) and query and path parameters (named by parameter). Spreadsheet
 * cells are checked row by row by the importers.
 */
public class TextGuard {

    /** Every JSON string value is checked as it is read. */
    @Singleton
    public static class JsonStrings implements ObjectMapperCustomizer {
        @Override
        public void customize(ObjectMapper mapper) {
            SimpleModule m = new SimpleModule("resettle-text-guard");
            m.addDeserializer(String.class, new GuardedStringDeserializer());
            mapper.registerModule(m);
        }
    }

    static final class GuardedStringDeserializer extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String s = super.deserialize(p, ctxt);
            if (ControlCharacters.present(s)) {
                throw new ControlCharacterException(p);
            }
            return s;
        }
    }

    /** Query and path parameters, checked before the resource method runs. */
    @ServerRequestFilter
    public Response parameters(ContainerRequestContext ctx) {
        UriInfo uri = ctx.getUriInfo();
        String bad = firstBad(uri.getQueryParameters(true));
        if (bad == null) {
            bad = firstBad(uri.getPathParameters(true));
        }
        if (bad == null) {
            for (String segment : uri.getPathSegments(true).stream().map(s -> s.getPath()).toList()) {
                if (ControlCharacters.present(segment)) {
                    bad = "path";
                    break;
                }
            }
        }
        return bad == null ? null : cn.resettle.common.problem.ProblemMappers.invalidInput(bad, ControlCharacters.MESSAGE, uri);
    }

    private static String firstBad(MultivaluedMap<String, String> params) {
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            if (ControlCharacters.present(e.getKey())) {
                return "query";
            }
            for (String v : e.getValue()) {
                if (ControlCharacters.present(v)) {
                    return e.getKey();
                }
            }
        }
        return null;
    }
}
