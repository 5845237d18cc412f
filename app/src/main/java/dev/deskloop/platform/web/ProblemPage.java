package dev.deskloop.platform.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.ModelAndView;

/**
 * The error page for people ({@code error/problem.html}), answered with its status: the one way controllers and
 * {@link ErrorHandling} show a failure as a page.
 */
public final class ProblemPage {

    private ProblemPage() {
    }

    public static ModelAndView of(HttpStatus status, String title, String detail) {
        return new ModelAndView("error/problem", status)
                .addObject("status", status.value())
                .addObject("title", title)
                .addObject("detail", detail);
    }
}
