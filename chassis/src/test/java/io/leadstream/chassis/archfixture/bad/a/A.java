package io.leadstream.chassis.archfixture.bad.a;

import io.leadstream.chassis.archfixture.bad.b.B;

/** Architecture fixture: one half of a package cycle. */
public class A {
    B b;
}
