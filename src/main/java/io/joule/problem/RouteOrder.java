package io.joule.problem;

/**
 * The order of the routes that run before RESTEasy's: routes of equal order run in the order they were added, which
 * differs between start-up observers, so routes that must run one after another have numbers of their own (the two at
 * HEAD do not meet: one only handles failures; nor do the dashboard's two, whose paths differ).
 */
public final class RouteOrder {
    /** {@link RequestHeadRoute}, and {@link RefusedRequestFailures} for every failure. */
    public static final int HEAD = Integer.MIN_VALUE;
    /** {@link BodyLimitRoute}: the body's length, type and encoding; counting a chunked one. */
    public static final int BODY = HEAD + 1;
    /** {@link BodyLimitRoute}: an empty chunked body given to RESTEasy as empty. */
    public static final int EMPTY_BODY = BODY + 1;
    /** The dashboard's pages, after the request passed every check. */
    public static final int PAGES = EMPTY_BODY + 1;

    private RouteOrder() {
    }
}
