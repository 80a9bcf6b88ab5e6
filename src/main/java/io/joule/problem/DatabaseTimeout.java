package io.joule.problem;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The resource's methods answer 503 when the database does not answer in time: a GET within
 * joule.database.read-timeout, any other method within joule.database.write-timeout. Only for methods whose wait is the
 * database's (not a remote API's).
 */
@InterceptorBinding
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface DatabaseTimeout {
}
