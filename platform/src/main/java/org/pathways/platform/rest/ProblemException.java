package org.pathways.platform.rest;

import java.util.List;

/** Thrown by resources and services to answer with a specific problem. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.title() + ": " + problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException badRequest(String detail, List<Problem.FieldError> errors) {
        return new ProblemException(Problem.of(400, "bad-request", "Bad request", detail).withErrors(errors));
    }

    public static ProblemException invalidField(String field, String message) {
        return badRequest("The request has an invalid field.", List.of(new Problem.FieldError(field, message)));
    }

    /** 404 for what does not exist and for what the caller may not know exists: guessed ids learn nothing. */
    public static ProblemException notFound(String what) {
        return new ProblemException(Problem.of(404, "not-found", "Not found", what + " was not found."));
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(Problem.of(403, "forbidden", "Forbidden", detail));
    }

    public static ProblemException conflict(String slug, String detail) {
        return new ProblemException(Problem.of(409, slug, "Conflict", detail));
    }

    public static ProblemException unprocessable(String slug, String detail, List<Problem.FieldError> errors) {
        return new ProblemException(Problem.of(422, slug, "Unprocessable request", detail).withErrors(errors));
    }
}
