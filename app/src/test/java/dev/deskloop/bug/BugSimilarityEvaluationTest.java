package dev.deskloop.bug;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import dev.deskloop.triage.Requester;
import dev.deskloop.triage.ServiceCatalog;
import dev.deskloop.triage.TextEmbedder;
import dev.deskloop.triage.TicketDocument;
import dev.deskloop.triage.TicketMessage;
import dev.deskloop.triage.Triage;
import dev.deskloop.triage.TriageContext;
import dev.deskloop.triage.TriageEngine;
import dev.deskloop.triage.TriageEngines;
import dev.deskloop.triage.json.TriageJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Chooses the similarity threshold of bug grouping (docs/bugs.md). Positives: every bug ticket of the labelled set
 * ({@code triage/src/test/resources/eval/dev.jsonl}) paired with a report of the same failure written by another
 * customer (below). Negatives: every pair of two different bug tickets of the set, split into those of the same
 * labelled service (what grouping actually has to tell apart) and all of them (what it has to tell apart when the
 * workspace has no service catalog, so that every service is null). Texts go through the built-in triage first,
 * exactly as in the service.
 */
class BugSimilarityEvaluationTest {

    /** Same failure as the dev.jsonl ticket with this id, as a different customer would report it. */
    static final Map<String, String[]> DUPLICATES = new LinkedHashMap<>();

    static {
        dup("t001", "Zapier: address field empty", "Our Zap that copies new jobs into a spreadsheet stopped getting the job address. The New job created trigger has no service address in its data anymore.");
        dup("t010", "API key still works after revoking", "I revoked an API key in the developer settings yesterday and it still authenticates. Calls with the revoked key return 200 instead of 401.");
        dup("t021", "500 error creating customer with emoji", "Creating a customer through the API fails with internal_error 500 if the customer name has an emoji in it. Plain names work.");
        dup("t026", "Buttons overlapping in company settings", "On a smaller laptop screen the Save changes button sits on top of the Cancel link at the bottom of the company settings page.");
        dup("t056", "App closes when customer signs", "The field app on our iPads crashes as soon as the customer touches the signature pad to sign off a job. We cannot complete jobs.");
        dup("t058", "Invoice shows unpaid after partial payment", "A client paid half of an invoice online with Tidewell Pay. The payment went through but the invoice still says Unpaid with the whole amount due, and the overdue reminder was sent for the full amount.");
        dup("t063", "I saw another company's data after login", "After logging in this afternoon I landed in a different company's account with their customers and jobs. Logging out and in again fixed it but this is a serious privacy problem.");
        dup("t066", "Checklist text invisible in dark mode", "Technicians using dark mode on Android cannot read checklist items, the text is black on a dark background.");
        dup("t082", "Error converting approved quote", "Every time we click Convert to invoice on an approved quote we get Internal error. Please contact support. Draft quotes convert fine.");
        dup("t094", "Sidebar expands after refresh", "I collapse the left menu but it opens again whenever I refresh the page. It does not remember the collapsed state.");
        dup("t101", "Checklist progress lost", "If a technician leaves the app in the middle of a checklist, for example to take a photo, all answers are gone when they come back and the checklist starts from the first item.");
        dup("t107", "Import rejects prices with $", "Importing our price book from a QuickBooks export fails with Unit price must be a number on every row where the price is written like $80.00.");
        dup("t115", "422 on job creation with timezone offset", "Creating jobs through the API now fails with 422 validation_failed, scheduled_start must be a valid ISO-8601 datetime, when the date has an offset like -05:00. It worked until yesterday.");
        dup("t116", "Calendar empty, jobs missing", "All scheduled jobs have disappeared from our schedule calendar. The jobs list shows zero scheduled jobs for the next weeks although nobody deleted them.");
        dup("t119", "Editing one recurring job changes all", "I chose Only this job when moving a single visit of a recurring job, but all future visits of the series were moved as well.");
        dup("t124", "SSO fails for emails with capitals", "Single sign-on with Azure AD says No Tidewell user found for this email for users whose email address contains uppercase letters.");
        dup("t159", "Invoice PDF generation fails", "Since this morning we cannot download or send any invoice PDF. We get Error while generating the PDF for every invoice.");
        dup("t171", "Storage usage not going down", "We deleted lots of old photos and videos but the storage usage still shows almost full and did not decrease at all.");
        dup("t193", "Discount calculated after tax", "The invoice discount is applied after tax even though Apply discounts before tax is enabled, so the tax amount on the invoice is too high.");
        dup("t199", "Bulk reassign only moves 50 jobs", "I reassigned 90 jobs to another technician with the bulk action. It said 90 jobs reassigned but only 50 were actually moved.");
        dup("t209", "Reminders an hour early since time change", "Since the daylight saving time change the SMS appointment reminders show the wrong time, one hour earlier than the actual job.");
        dup("t248", "Cannot upload attachments", "Uploading any file to a job fails. The progress bar reaches 100% and then says Upload failed. Please try again.");
        dup("t251", "SAML login broken for everyone", "Nobody can sign in with Okta this morning. After the Okta tile we get SAML response invalid: signature could not be verified.");
        dup("t266", "401 invalid_api_key after key rotation", "We rotated our API key and now every request fails with 401 invalid_api_key, also with a newly created key that shows as active.");
        dup("t272", "Invitation link says expired", "New team members click Join Tidewell in the invitation email and immediately see This invitation has expired, even for invites sent a minute ago.");
        dup("t289", "Revenue report times out", "Running the revenue by technician report for this month spins and then fails with Request timed out. Short ranges still work.");
        dup("t290", "Job edits revert after saving", "When we edit an existing job and click Save it says Saved, but after reloading the page our changes are gone.");
        dup("t295", "Invoice numbers started again from 1", "Today our new invoices are numbered INV-0001, INV-0002 although the last invoice yesterday was over 10000. Now we have duplicate invoice numbers.");
        dup("t298", "Staff get permission denied everywhere", "After last night's update all our users except the owner see You don't have permission to view this page on almost every page.");
        dup("t303", "Customer addresses deleted by import", "We ran an import to update phone numbers for existing customers and afterwards all customer addresses were empty.");
        dup("t308", "Android 15 crash when adding photo", "The app closes when our technicians tap Add photo on a job. Only phones with Android 15.");
        dup("t325", "Approve quote gives 404", "Our clients get a 404 Page not found when they press Approve on a quote in the client portal.");
        dup("t331", "Blank schedule page in Safari", "The schedule page stays white in Safari, the calendar never shows. Chrome works. The console shows Intl.DurationFormat is not a constructor.");
    }

    private static void dup(String id, String subject, String body) {
        DUPLICATES.put(id, new String[] {subject, body});
    }

    record Example(String id, String labelledService, String triagedService, float[] embedding) {
    }

    static final List<Example> ORIGINALS = new ArrayList<>();
    static final Map<String, Example> COPIES = new LinkedHashMap<>();

    @BeforeAll
    static void embed() throws IOException {
        Path eval = evalDir();
        ServiceCatalog catalog = TriageJson.readCatalog(eval.resolve("services.yaml"));
        TriageEngine engine = TriageEngines.builtin();
        TextEmbedder embedder = TextEmbedder.miniLm();
        TriageContext context = TriageContext.of(catalog);
        for (String line : Files.readAllLines(eval.resolve("dev.jsonl"))) {
            if (line.isBlank()) {
                continue;
            }
            var root = TriageJson.parse(line);
            var expected = root.get("expected");
            if (!"bug".equals(expected.get("category").asString())) {
                continue;
            }
            String id = root.get("id").asString();
            String service = expected.get("affected_service").isNull() ? null : expected.get("affected_service").asString();
            TicketDocument document = TriageJson.readDocument(root.get("document"));
            Triage triage = engine.triage(document, context);
            ORIGINALS.add(new Example(id, service, triage.affectedService(),
                    embedder.embed(BugText.of(document.subject(), triage))));
            String[] copy = DUPLICATES.get(id);
            if (copy != null) {
                TicketDocument duplicate = new TicketDocument(id + "-dup", TicketDocument.Source.ZENDESK, copy[0],
                        Instant.parse("2026-03-14T09:00:00Z"), new Requester("Other Customer", "other@example.com"),
                        List.of(), List.of(new TicketMessage(TicketMessage.Author.CUSTOMER, true, copy[1],
                        Instant.parse("2026-03-14T09:00:00Z"))));
                Triage dupTriage = engine.triage(duplicate, context);
                COPIES.put(id, new Example(id + "-dup", service, dupTriage.affectedService(),
                        embedder.embed(BugText.of(copy[0], dupTriage))));
            }
        }
    }

    @Test
    void theDefaultThresholdGroupsDuplicatesAndKeepsDifferentBugsApart() {
        List<Double> positives = new ArrayList<>();
        for (Example original : ORIGINALS) {
            Example copy = COPIES.get(original.id());
            if (copy != null) {
                double similarity = TextEmbedder.cosine(original.embedding(), copy.embedding());
                positives.add(similarity);
                if (similarity < 0.75) {
                    System.out.printf(Locale.ROOT, "weak positive: %s %.3f%n", original.id(), similarity);
                }
            }
        }
        List<Double> sameService = new ArrayList<>();
        List<Double> allNegatives = new ArrayList<>();
        for (int i = 0; i < ORIGINALS.size(); i++) {
            for (int j = i + 1; j < ORIGINALS.size(); j++) {
                Example a = ORIGINALS.get(i);
                Example b = ORIGINALS.get(j);
                double similarity = TextEmbedder.cosine(a.embedding(), b.embedding());
                allNegatives.add(similarity);
                if (similarity >= 0.65) {
                    System.out.printf(Locale.ROOT, "close negative: %s %s %.3f%n", a.id(), b.id(), similarity);
                }
                if (Objects.equals(a.labelledService(), b.labelledService())) {
                    sameService.add(similarity);
                }
            }
        }
        // A duplicate compared with the other bugs: the case grouping meets when a new ticket arrives.
        for (Example copy : COPIES.values()) {
            for (Example other : ORIGINALS) {
                if (!copy.id().startsWith(other.id() + "-")) {
                    if (TextEmbedder.cosine(copy.embedding(), other.embedding()) >= 0.65) {
                        System.out.printf(Locale.ROOT, "close negative: %s %s %.3f%n", copy.id(), other.id(),
                                TextEmbedder.cosine(copy.embedding(), other.embedding()));
                    }
                    allNegatives.add(TextEmbedder.cosine(copy.embedding(), other.embedding()));
                    if (Objects.equals(copy.labelledService(), other.labelledService())) {
                        sameService.add(TextEmbedder.cosine(copy.embedding(), other.embedding()));
                    }
                }
            }
        }
        long serviceAgreement = COPIES.values().stream().filter(copy -> ORIGINALS.stream()
                .anyMatch(o -> copy.id().equals(o.id() + "-dup") && Objects.equals(o.triagedService(), copy.triagedService())))
                .count();

        System.out.printf(Locale.ROOT, "bug grouping evaluation: %d bug tickets, %d duplicate pairs, %d same-service"
                        + " negative pairs, %d negative pairs in all; triage gave both tickets of a pair the same service"
                        + " in %d of %d pairs%n", ORIGINALS.size(), positives.size(), sameService.size(),
                allNegatives.size(), serviceAgreement, COPIES.size());
        System.out.printf(Locale.ROOT, "positives: min %.3f median %.3f max %.3f; same-service negatives: median %.3f"
                        + " max %.3f; all negatives: median %.3f max %.3f%n", min(positives), median(positives),
                max(positives), median(sameService), max(sameService), median(allNegatives), max(allNegatives));
        System.out.println("threshold  recall  false-link-rate(same service)  false-link-rate(all)");
        for (int t = 40; t <= 90; t += 5) {
            double threshold = t / 100.0;
            System.out.printf(Locale.ROOT, "  %.2f     %.3f   %.4f                         %.4f%n", threshold,
                    above(positives, threshold), above(sameService, threshold), above(allNegatives, threshold));
        }

        double chosen = BugSettings.DEFAULT_THRESHOLD;
        assertThat(above(positives, chosen)).as("recall at %s", chosen).isGreaterThanOrEqualTo(0.70);
        assertThat(above(sameService, chosen)).as("false links within a service at %s", chosen).isLessThanOrEqualTo(0.01);
        assertThat(above(allNegatives, chosen)).as("false links overall at %s", chosen).isLessThanOrEqualTo(0.002);
    }

    private static double above(List<Double> values, double threshold) {
        return values.stream().filter(v -> v >= threshold).count() / (double) values.size();
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
    }

    /** The labelled set lives in the triage module; Maven runs this test from {@code app/}. */
    private static Path evalDir() {
        for (String candidate : List.of("../triage/src/test/resources/eval", "triage/src/test/resources/eval")) {
            Path dir = Path.of(candidate);
            if (Files.isDirectory(dir)) {
                return dir;
            }
        }
        throw new IllegalStateException("triage/src/test/resources/eval not found from " + Path.of("").toAbsolutePath());
    }
}
