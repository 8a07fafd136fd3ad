package dev.fanout.kit.problem;

import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every failure of a REST call becomes {@code application/problem+json} with a detail a client can act on. Nothing
 * internal leaks: unexpected errors are logged with an id, and only the id is returned.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(e.problem());
    }

    // Quarkus maps Jackson's exceptions itself (bare 400s); the most specific type wins, so each gets its own mapper

    @ServerExceptionMapper(priority = 1)
    public Response unknownField(UnrecognizedPropertyException e) {
        return json(e);
    }

    @ServerExceptionMapper(priority = 1)
    public Response invalidFormat(InvalidFormatException e) {
        return json(e);
    }

    @ServerExceptionMapper(priority = 1)
    public Response mismatched(MismatchedInputException e) {
        return json(e);
    }

    @ServerExceptionMapper(priority = 1)
    public Response malformed(JsonParseException e) {
        return json(e);
    }

    @ServerExceptionMapper(priority = 1)
    public Response json(JsonProcessingException e) {
        return respond(Problem.of(400, "malformed-json", "The body is not the JSON this endpoint expects",
                describe(e)));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return respond(Problem.of(404, "not-found", "Not found", "no resource at this path"));
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        String allowed = String.join(", ", e.getResponse().getAllowedMethods());
        Response.ResponseBuilder response = Response.status(405).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(405, "method-not-allowed", "Method not allowed",
                        "this path accepts " + allowed));
        e.getResponse().getAllowedMethods().forEach(m -> response.header("Allow", m));
        return response.build();
    }

    @ServerExceptionMapper
    public Response unsupported(NotSupportedException e) {
        return respond(Problem.of(415, "unsupported-media-type", "Unsupported media type",
                "send the body as application/json"));
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e) {
        return respond(Problem.of(406, "not-acceptable", "Not acceptable",
                "this endpoint answers application/json (errors: application/problem+json)"));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException jsonError) {
            return json(jsonError);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        String reason = e.getResponse().getStatusInfo().getReasonPhrase();
        return respond(Problem.of(status, "http-" + status, reason, reason.toLowerCase()));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (e instanceof ProblemException problem) {
            return problem(problem);
        }
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected error %s", errorId);
        return respond(Problem.of(500, "internal", "Internal error",
                "something went wrong on our side; quote error id " + errorId + " when reporting it"));
    }

    public static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** What a client should fix, without Jackson's source excerpts and class names. */
    static String describe(JsonProcessingException e) {
        if (e instanceof JsonParseException) {
            return "malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage().split("\n")[0]
                            .replaceAll(" \\(code \\d+\\)", "");
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + path(unknown) + "'; known fields here: " + unknown.getKnownPropertyIds()
                    .stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
        }
        if (e instanceof InvalidFormatException invalid) {
            return "'" + path(invalid) + "' must be " + expected(invalid.getTargetType()) + ", got "
                    + quote(invalid.getValue());
        }
        if (e instanceof MismatchedInputException mismatched) {
            if (String.valueOf(mismatched.getOriginalMessage()).startsWith("Trailing token")) {
                return "malformed JSON: unexpected content after the end of the object";
            }
            String path = path(mismatched);
            if (path.isEmpty()) {
                return "the body must be a JSON object";
            }
            return "'" + path + "' must be " + expected(mismatched.getTargetType());
        }
        return "the body cannot be read as JSON";
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return "an object";
    }

    private static String quote(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }
}
