package io.leadstream.chassis.archfixture.good.things;

/** Architecture fixture: a use case that speaks only domain. */
public class ThingService {

    ThingRepository repository = new ThingRepository();

    public Thing find(String name) {
        return repository.find(name);
    }
}
