package io.leadstream.distribution.shares;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.chassis.outbox.Outbox;
import io.leadstream.chassis.problem.Problem.FieldError;
import io.leadstream.chassis.problem.ProblemException;
import io.leadstream.distribution.assignments.Assignment;
import io.leadstream.distribution.assignments.AssignmentEntry;
import io.leadstream.distribution.assignments.AssignmentService;
import io.leadstream.distribution.assignments.PartnerShares;
import io.leadstream.distribution.leads.KnownLead;
import io.leadstream.distribution.routing.RuleBookValidator;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Partner sharing: a manager (or a rule, through {@link PartnerShares}) offers a lead to a partner company; the partner
 * reads its own shares with the chosen facts, accepts (and then gets the contact details from capture) or declines
 * before the deadline; a declined or lapsed share is recalled and the lead routed again without that partner. Every
 * change that moves the lead takes the routing lock first, as every assignment does.
 */
@ApplicationScoped
public class Shares implements PartnerShares {

    /** The lead facts a share may show a partner before it accepts (never personal data, never who captured it). */
    public static final List<String> FACTS = List.of("products", "segment", "country", "source", "channel", "campaign",
            "language", "score", "grade", "qualified");
    static final int MAX_NOTE = 500;

    private final ShareRepository repository;
    private final AssignmentService assignments;
    private final Outbox outbox;
    private final ShareConfig config;
    private final ContactDetails contacts;
    private final Clock clock;

    public Shares(ShareRepository repository, AssignmentService assignments, Outbox outbox, ShareConfig config,
            ContactDetails contacts, Clock clock) {
        this.repository = repository;
        this.assignments = assignments;
        this.outbox = outbox;
        this.config = config;
        this.contacts = contacts;
        this.clock = clock;
    }

    /** A manager's share: which lead, with whom, for how long (ISO-8601, null: the default), what it shows, a note. */
    public record ShareLead(UUID leadId, String partnerId, String acceptWithin, List<String> fields, String note) {
    }

    /** One of a partner's shares as it may see it: the chosen facts while offered or accepted, nothing after. */
    public record Offer(PartnerShare share, Map<String, Object> facts) {
    }

    /** An accepted share with the lead's contact details (null when capture could not give them now). */
    public record Accepted(Offer offer, ContactDetails.Contact contact) {
    }

    /**
     * Shares the lead: 400 naming each bad field, 404 when distribution has neither routed nor scored the lead, 409
     * when it already has an open share. The lead leaves its rep or queue; lead.shared is published.
     */
    @WithTransaction
    public Uni<PartnerShare> share(ShareLead request, String actor) {
        Instant now = now();
        Terms terms = terms(request);
        return assignments.lockRouting()
                .chain(() -> repository.openOf(request.leadId()))
                .chain(open -> {
                    if (open != null) {
                        throw ProblemException.conflict("lead-already-shared", "lead " + request.leadId() + " is "
                                + open.state.toLowerCase(java.util.Locale.ROOT) + " to partner " + open.partnerId
                                + " already; one share at a time");
                    }
                    return assignments.shareByHand(request.leadId(), request.partnerId(), actor, now);
                })
                .onItem().ifNull().failWith(() -> ProblemException.notFound("lead", request.leadId()))
                .chain(shared -> open(shared, request.partnerId(), terms.acceptWithin(), terms.fields(),
                        terms.note(), null, actor, now));
    }

    @Override
    public Uni<Void> offer(Assignment shared, Instant now) {
        return open(shared, shared.partnerId(), config.acceptWithin(), config.fields(), null, shared.ruleName, null,
                now).replaceWithVoid();
    }

    private Uni<PartnerShare> open(Assignment shared, String partnerId, Duration acceptWithin, List<String> fields,
            String note, String rule, String actor, Instant now) {
        PartnerShare s = new PartnerShare();
        s.shareId = UUID.randomUUID();
        s.leadId = shared.leadId;
        s.partnerId = partnerId;
        s.state = PartnerShare.State.OFFERED.name();
        s.fields = new PartnerShare.Fields(fields);
        s.note = note;
        s.ruleName = rule;
        s.sharedBy = actor;
        s.sharedAt = now;
        s.deadline = now.plus(acceptWithin);
        return s.<PartnerShare>persist().call(saved -> outbox.record(saved.leadId, LeadShared.of(saved)))
                .invoke(saved -> Log.infof("lead %s offered to partner %s until %s", saved.leadId, partnerId,
                        saved.deadline));
    }

    /** A page of the partner's shares, newest first, each with the facts it may see. */
    @WithSession
    public Uni<List<Offer>> inbox(String partnerId, int offset, int limit) {
        return repository.inbox(partnerId, offset, limit).chain(this::offers);
    }

    /** The partner's share of the lead, with the contact details once accepted; 404 when it was never offered it. */
    public Uni<Accepted> find(String partnerId, UUID leadId) {
        // the session (and its connection) ends before capture is asked for the contact details
        return Panache.withSession(() -> repository.ofPartner(partnerId, leadId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("share of lead", leadId))
                .chain(s -> offers(List.of(s))).map(list -> list.get(0)))
                .chain(this::withContact);
    }

    /**
     * The partner takes the lead: 404 when it was never offered it (another partner's lead is unknown to it), 409
     * when the share is not open for an answer or its deadline has passed. Then its contact details, read from capture.
     */
    public Uni<Accepted> accept(String partnerId, UUID leadId) {
        // committed before capture is asked for the contact details
        return Panache.withTransaction(() -> accepted(partnerId, leadId)).chain(this::withContact);
    }

    private Uni<Offer> accepted(String partnerId, UUID leadId) {
        Instant now = now();
        return answerable(partnerId, leadId, now).chain(s -> {
            s.state = PartnerShare.State.ACCEPTED.name();
            s.answeredAt = now;
            return assignments.shareStep(leadId, AssignmentEntry.Kind.SHARE_ACCEPTED, "accepted by partner "
                    + partnerId, "partner:" + partnerId, now).chain(() -> offers(List.of(s)))
                    .map(list -> list.get(0))
                    .invoke(() -> Log.infof("partner %s accepted lead %s", partnerId, leadId));
        });
    }

    /**
     * The partner turns the lead down (404 and 409 as for accepting): the share is recalled (lead.recalled, reason
     * DECLINED) and the rules route the lead again at once, without this partner.
     */
    @WithTransaction
    public Uni<Offer> decline(String partnerId, UUID leadId, String reason) {
        Instant now = now();
        if (reason != null && reason.length() > MAX_NOTE) {
            throw ProblemException.badRequest("invalid-decline", "the reason is too long",
                    List.of(new FieldError("reason", "at most " + MAX_NOTE + " characters")));
        }
        return assignments.lockRouting().chain(() -> answerable(partnerId, leadId, now)).chain(s -> {
            s.state = PartnerShare.State.DECLINED.name();
            s.closeReason = PartnerShare.CloseReason.DECLINED.name();
            s.declineNote = reason == null || reason.isBlank() ? null : reason.strip();
            s.answeredAt = now;
            String why = "declined by partner " + partnerId + (s.declineNote == null ? "" : ": " + s.declineNote);
            return closed(s, why, now).chain(() -> offers(List.of(s))).map(list -> list.get(0));
        });
    }

    /** The lead's history step, lead.recalled and the lead routed again, for a share that closed unanswered. */
    private Uni<Void> closed(PartnerShare s, String why, Instant now) {
        return assignments.shareStep(s.leadId, AssignmentEntry.Kind.SHARE_RECALLED, why,
                s.closeReason.equals("DECLINED") ? "partner:" + s.partnerId : null, now)
                .chain(() -> outbox.record(s.leadId, LeadRecalled.of(s)))
                .chain(() -> assignments.redistribute(s.leadId, why, now))
                .invoke(() -> Log.infof("lead %s recalled from partner %s (%s)", s.leadId, s.partnerId, s.closeReason));
    }

    /**
     * Recalls up to a batch of offered shares past their deadline (lead.recalled, reason DEADLINE) and routes each lead
     * again; one transaction, holding the routing lock. How many it recalled.
     */
    @WithTransaction
    public Uni<Integer> recallDue() {
        Instant now = now();
        return assignments.lockRouting().chain(() -> repository.dueForRecall(now, config.recallBatch()))
                .chain(due -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (PartnerShare s : due) {
                        chain = chain.chain(() -> {
                            s.state = PartnerShare.State.RECALLED.name();
                            s.closeReason = PartnerShare.CloseReason.DEADLINE.name();
                            s.answeredAt = now;
                            return closed(s, "partner " + s.partnerId + " did not answer by " + s.deadline, now);
                        });
                    }
                    return chain.replaceWith(due.size());
                });
    }

    @Override
    public Uni<Set<String>> leftOut(UUID leadId) {
        return repository.leftOut(leadId);
    }

    @Override
    public Uni<Void> close(UUID leadId, String reason, Instant now) {
        return repository.openOf(leadId).chain(s -> {
            if (s == null) {
                return Uni.createFrom().voidItem();
            }
            s.state = PartnerShare.State.RECALLED.name();
            s.closeReason = PartnerShare.CloseReason.valueOf(reason).name();
            s.answeredAt = now;
            return outbox.record(s.leadId, LeadRecalled.of(s)).replaceWithVoid();
        });
    }

    @Override
    public Uni<Void> erase(UUID leadId) {
        return repository.erase(leadId);
    }

    /** The partner's share of the lead, locked, open for an answer now; 404 / 409 problems otherwise. */
    private Uni<PartnerShare> answerable(String partnerId, UUID leadId, Instant now) {
        return repository.ofPartner(partnerId, leadId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("share of lead", leadId))
                .invoke(s -> {
                    if (s.state() != PartnerShare.State.OFFERED) {
                        throw ProblemException.conflict("share-answered", "the share of lead " + leadId + " is "
                                + s.state.toLowerCase(java.util.Locale.ROOT) + " already");
                    }
                    if (now.isAfter(s.deadline)) {
                        throw ProblemException.conflict("share-lapsed", "the share of lead " + leadId
                                + " had to be answered by " + s.deadline);
                    }
                });
    }

    private Uni<Accepted> withContact(Offer offer) {
        if (offer.share().state() != PartnerShare.State.ACCEPTED) {
            return Uni.createFrom().item(new Accepted(offer, null));
        }
        return contacts.of(offer.share().leadId).map(c -> new Accepted(offer, c))
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("contact details of lead %s not available from capture now: %s", offer.share().leadId,
                            failure.toString());
                    return new Accepted(offer, null);
                });
    }

    /** Each share with the facts it shows, read from what distribution knows of the lead now. */
    private Uni<List<Offer>> offers(List<PartnerShare> shares) {
        Set<UUID> visible = shares.stream().filter(PartnerShare::open).map(s -> s.leadId).collect(Collectors.toSet());
        Uni<List<KnownLead>> known = visible.isEmpty() ? Uni.createFrom().item(List.of()) : KnownLead.of(visible);
        return known.map(leads -> {
            Map<UUID, KnownLead> byId = leads.stream().collect(Collectors.toMap(l -> l.leadId, Function.identity()));
            return shares.stream().map(s -> new Offer(s, s.open() ? facts(byId.get(s.leadId), s.fields.items())
                    : Map.of())).toList();
        });
    }

    static Map<String, Object> facts(KnownLead lead, List<String> fields) {
        Map<String, Object> facts = new LinkedHashMap<>();
        if (lead == null) {
            return facts;
        }
        for (String field : fields) {
            Object value = switch (field) {
                case "products" -> lead.products.items();
                case "segment" -> lead.segment;
                case "country" -> lead.country;
                case "source" -> lead.source;
                case "channel" -> lead.channel;
                case "campaign" -> lead.campaign;
                case "language" -> lead.language;
                case "score" -> lead.score;
                case "grade" -> lead.grade;
                case "qualified" -> lead.qualified;
                default -> null;
            };
            facts.put(field, value);
        }
        return facts;
    }

    private record Terms(Duration acceptWithin, List<String> fields, String note) {
    }

    /** The share's terms, defaults applied; a 400 naming every bad field. */
    private Terms terms(ShareLead r) {
        List<FieldError> errors = new ArrayList<>();
        if (r.leadId() == null) {
            errors.add(new FieldError("leadId", "is required"));
        }
        if (r.partnerId() == null || !RuleBookValidator.ID.matcher(r.partnerId()).matches()) {
            errors.add(new FieldError("partnerId", "must be a partner id: 1-64 lower-case letters, digits, '.', '_' "
                    + "or '-'"));
        }
        Duration within = config.acceptWithin();
        if (r.acceptWithin() != null) {
            try {
                within = Duration.parse(r.acceptWithin());
                if (within.compareTo(config.minAcceptWithin()) < 0 || within.compareTo(config.maxAcceptWithin()) > 0) {
                    errors.add(new FieldError("acceptWithin", "must be between " + config.minAcceptWithin() + " and "
                            + config.maxAcceptWithin()));
                }
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("acceptWithin", "must be an ISO-8601 duration such as PT48H or P3D"));
            }
        }
        List<String> fields = config.fields();
        if (r.fields() != null) {
            if (r.fields().isEmpty()) {
                errors.add(new FieldError("fields", "name at least one fact, or leave it out for the default"));
            }
            for (int i = 0; i < r.fields().size(); i++) {
                if (!FACTS.contains(r.fields().get(i))) {
                    errors.add(new FieldError("fields[" + i + "]", "unknown fact '" + r.fields().get(i)
                            + "'; a partner may see " + String.join(", ", FACTS)));
                }
            }
            fields = List.copyOf(new LinkedHashSet<>(r.fields()));
        }
        String note = r.note() == null || r.note().isBlank() ? null : r.note().strip();
        if (note != null && note.length() > MAX_NOTE) {
            errors.add(new FieldError("note", "at most " + MAX_NOTE + " characters"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("invalid-share", "the share is not valid", errors);
        }
        return new Terms(within, fields, note);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
