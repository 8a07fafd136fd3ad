package dev.fanout.kit.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail, the body of every error response ({@code application/problem+json}).
 *
 * @param type   a stable identifier of the kind of problem ({@code urn:fanout:problem:<slug>})
 * @param title  short, human-readable summary of the kind of problem
 * @param status HTTP status code
 * @param detail what went wrong with this request, in words a client can act on
 * @param errors one entry per offending field, when the problem is about the request's content
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem("urn:fanout:problem:" + slug, title, status, detail, List.of());
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, fieldErrors);
    }

    /** One offending field: a JSON path into the request ({@code lines[2].quantity}) and why. */
    public record FieldError(String field, String message) {
    }
}
