package dev.deskloop.platform.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.deskloop.platform.Forbidden;
import dev.deskloop.platform.InvalidInput;
import dev.deskloop.platform.NotFoundException;
import dev.deskloop.platform.Refusal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;

/**
 * The one place where failures become HTTP statuses: RFC 9457 problem details for {@code /api/**},
 * error pages for people. Messages of unexpected exceptions are never shown.
 */
@ControllerAdvice
public class ErrorHandling {

    private static final Logger log = LoggerFactory.getLogger(ErrorHandling.class);

    @ExceptionHandler({NotFoundException.class, NoResourceFoundException.class, MethodArgumentTypeMismatchException.class})
    Object notFound(HttpServletRequest request, Exception e) {
        String detail = e instanceof NotFoundException ? e.getMessage() : "Nothing is known at this address.";
        return respond(request, HttpStatus.NOT_FOUND, "Not found", detail, List.of());
    }

    @ExceptionHandler(Forbidden.class)
    Object forbidden(HttpServletRequest request, Forbidden e) {
        return respond(request, HttpStatus.FORBIDDEN, "Forbidden", e.getMessage(), List.of());
    }

    @ExceptionHandler(Refusal.class)
    Object refused(HttpServletRequest request, Refusal e) {
        return respond(request, HttpStatus.CONFLICT, "Refused", e.getMessage(), List.of());
    }

    @ExceptionHandler(InvalidInput.class)
    Object invalidInput(HttpServletRequest request, InvalidInput e) {
        var field = new FieldProblem(e.field(), e.problem());
        return respond(request, HttpStatus.BAD_REQUEST, "Invalid request", describe(List.of(field)), List.of(field));
    }

    @ExceptionHandler(BindException.class)
    Object invalidFields(HttpServletRequest request, BindException e) {
        List<FieldProblem> fields = new ArrayList<>();
        for (FieldError error : e.getBindingResult().getFieldErrors()) {
            fields.add(new FieldProblem(error.getField(), error.getDefaultMessage()));
        }
        e.getBindingResult().getGlobalErrors()
                .forEach(error -> fields.add(new FieldProblem(error.getObjectName(), error.getDefaultMessage())));
        return respond(request, HttpStatus.BAD_REQUEST, "Invalid request", describe(fields), fields);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    Object invalidParameters(HttpServletRequest request, HandlerMethodValidationException e) {
        List<FieldProblem> fields = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new FieldProblem(result.getMethodParameter().getParameterName(),
                                error.getDefaultMessage())))
                .toList();
        return respond(request, HttpStatus.BAD_REQUEST, "Invalid request", describe(fields), fields);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    Object constraintViolations(HttpServletRequest request, ConstraintViolationException e) {
        List<FieldProblem> fields = e.getConstraintViolations().stream()
                .map(v -> new FieldProblem(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                .toList();
        return respond(request, HttpStatus.BAD_REQUEST, "Invalid request", describe(fields), fields);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    Object missingParameter(HttpServletRequest request, MissingServletRequestParameterException e) {
        var field = new FieldProblem(e.getParameterName(), "is required");
        return respond(request, HttpStatus.BAD_REQUEST, "Invalid request", describe(List.of(field)), List.of(field));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    Object unreadable(HttpServletRequest request, HttpMessageNotReadableException e) {
        if (e.getCause() instanceof RequestSizeLimitFilter.BodyTooLargeException tooLarge) {
            return respond(request, HttpStatus.CONTENT_TOO_LARGE, "Request body too large", tooLarge.getMessage(), List.of());
        }
        if (e.getCause() instanceof JacksonException json && !json.getPath().isEmpty()) {
            String field = json.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            var problem = new FieldProblem(field, "has the wrong type or format");
            return respond(request, HttpStatus.BAD_REQUEST, "Invalid request", describe(List.of(problem)), List.of(problem));
        }
        return respond(request, HttpStatus.BAD_REQUEST, "Malformed request body",
                "The request body is missing or is not valid JSON.", List.of());
    }

    @ExceptionHandler(RequestSizeLimitFilter.BodyTooLargeException.class)
    Object tooLarge(HttpServletRequest request, RequestSizeLimitFilter.BodyTooLargeException e) {
        return respond(request, HttpStatus.CONTENT_TOO_LARGE, "Request body too large", e.getMessage(), List.of());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    Object methodNotAllowed(HttpServletRequest request, HttpRequestMethodNotSupportedException e) {
        return respond(request, HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed",
                request.getMethod() + " is not supported here.", List.of());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    Object unsupportedMediaType(HttpServletRequest request, HttpMediaTypeNotSupportedException e) {
        return respond(request, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
                "Send application/json.", List.of());
    }

    @ExceptionHandler(Exception.class)
    Object unexpected(HttpServletRequest request, HttpServletResponse response, Exception e) throws Exception {
        if (e instanceof org.springframework.security.access.AccessDeniedException
                || e instanceof org.springframework.security.core.AuthenticationException) {
            throw e; // Spring Security's filters answer these (401/403 with the right headers).
        }
        if (e instanceof ErrorResponse known && known.getStatusCode().is4xxClientError()) {
            // Spring's own client errors (406 for an Accept header we cannot answer, a missing header...) keep their
            // status: the request was at fault, not the server.
            HttpStatus status = HttpStatus.valueOf(known.getStatusCode().value());
            log.debug("{} on {} {}: {}", status.value(), request.getMethod(), request.getRequestURI(), e.toString());
            String detail = known.getBody().getDetail();
            return respond(request, status, status.getReasonPhrase(), detail != null ? detail : status.getReasonPhrase(),
                    List.of());
        }
        log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return respond(request, HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "Something went wrong on our side. The error has been logged.", List.of());
    }

    private static Object respond(HttpServletRequest request, HttpStatus status, String title, String detail,
                                  List<FieldProblem> fields) {
        if (ProblemResponses.isApi(request)) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
            problem.setTitle(title);
            if (!fields.isEmpty()) {
                problem.setProperty("errors", fields.stream()
                        .map(f -> Map.of("field", f.field(), "message", f.message()))
                        .toList());
            }
            return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        return ProblemPage.of(status, title, detail);
    }

    private static String describe(List<FieldProblem> fields) {
        if (fields.isEmpty()) {
            return "The request is invalid.";
        }
        return fields.stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; "));
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot >= 0 ? path.substring(dot + 1) : path;
    }

    /** One invalid field of a request: its name and what is wrong with it. */
    public record FieldProblem(String field, String message) {
    }
}
