package io.leadstream.chassis.archfixture.bad.b;

import io.leadstream.chassis.archfixture.bad.a.A;

/** Architecture fixture: the other half of a package cycle. */
public class B {
    A a;
}
