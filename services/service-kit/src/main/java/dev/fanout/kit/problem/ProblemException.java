package dev.fanout.kit.problem;

import java.util.List;

import dev.fanout.kit.problem.Problem.FieldError;

/** Thrown (or failed with) anywhere in a request: becomes its {@link Problem} response, nothing else. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(Problem.of(400, "bad-request", "Bad request", detail));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(Problem.of(404, "not-found", "Not found", detail));
    }

    public static ProblemException invalid(String detail, List<FieldError> errors) {
        return new ProblemException(
                Problem.of(422, "validation", "The request is not valid", detail).withErrors(errors));
    }

    public static ProblemException unprocessable(String slug, String title, String detail) {
        return new ProblemException(Problem.of(422, slug, title, detail));
    }
}
