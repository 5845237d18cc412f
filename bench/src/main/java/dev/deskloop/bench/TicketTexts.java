package dev.deskloop.bench;

import java.util.List;

import dev.deskloop.simulator.intercom.CustomerConversation;
import dev.deskloop.simulator.zendesk.CustomerTicket;

/** A small, fixed mix of customer tickets (bug reports, questions, requests), so triage sees varied text. */
final class TicketTexts {

    private record Text(String subject, String body) {
    }

    private static final List<Text> TEXTS = List.of(
            new Text("Invoice export fails with 500",
                    "Since this morning the invoice export fails with a 500 error for all of our users. Steps to "
                            + "reproduce: 1. Open Reports 2. Click Export invoices 3. See the error. Expected a CSV file, "
                            + "got an error page. Our finance team cannot close the month."),
            new Text("Cannot log in after password reset",
                    "I reset my password an hour ago and now the login page says 'invalid credentials' every time. "
                            + "I tried two browsers. Nobody else on my team has the problem."),
            new Text("How do I add a second admin?",
                    "Hi, we would like to give our office manager admin rights as well. Where do I find that setting? "
                            + "Thanks!"),
            new Text("Checkout page very slow",
                    "Customers are complaining that the checkout page takes 20-30 seconds to load since yesterday's "
                            + "release. Around 14:00 UTC it got worse. Some orders time out and are lost."),
            new Text("Feature request: dark mode",
                    "It would be great to have a dark mode for the dashboard, our support agents work night shifts."),
            new Text("Webhook deliveries to our endpoint stopped",
                    "Our integration stopped receiving order.created webhooks at 09:12 today. The delivery log shows "
                            + "'connection refused' but our endpoint is up. Expected deliveries to resume; actual: none "
                            + "since then. This blocks fulfilment for about 300 orders."),
            new Text("Refund for duplicate charge",
                    "We were charged twice for the March subscription. Please refund one of the two charges."),
            new Text("Mobile app crashes when uploading a photo",
                    "On Android 14 the app closes as soon as I pick a photo from the gallery to attach to a report. "
                            + "Steps: open a report, tap Attach, choose Gallery, pick any photo -> crash. Version 5.2.1."));

    /** Bug reports only (phases (c), (d) and (e)): every one states a failure, its impact and steps, as the triage expects of a bug. */
    private static final List<Text> BUGS = List.of(
            new Text("Invoice export fails with 500",
                    "Since this morning the invoice export fails with a 500 error for all our users. Steps to "
                            + "reproduce: 1. Open Reports 2. Click Export invoices 3. See the error. Expected a CSV file, "
                            + "got an error page. Our finance team cannot close the month."),
            new Text("Webhook deliveries to our endpoint stopped",
                    "Our integration stopped receiving order.created webhooks at 09:12 today. The delivery log shows "
                            + "'connection refused' but our endpoint is up. Expected deliveries to resume; actual: none "
                            + "since then. This blocks fulfilment for about 300 orders."),
            new Text("Mobile app crashes when uploading a photo",
                    "On Android 14 the app closes as soon as I pick a photo from the gallery to attach to a report. "
                            + "Steps: open a report, tap Attach, choose Gallery, pick any photo -> crash. Version 5.2.1."),
            new Text("Saving a customer record returns an error",
                    "Since the update last night, saving any customer record fails with 'Internal server error'. "
                            + "Steps: open a customer, change the phone number, click Save. Expected the change to be "
                            + "saved; actual: error 500 and the change is lost. All 40 agents are affected."));

    private TicketTexts() {
    }

    /** Bug report number {@code i}, from a separate range of customers. */
    static CustomerTicket bug(int i) {
        Text text = BUGS.get(i % BUGS.size());
        int customer = 100 + i % 97;
        return new CustomerTicket(text.subject() + " (bug #" + i + ")", text.body(), "Customer " + customer,
                "customer" + customer + "@example.com", List.of());
    }

    /** Bug report number {@code i} as an Intercom conversation a customer starts (phase (e)): the same texts. */
    static CustomerConversation bugConversation(int i) {
        CustomerTicket ticket = bug(i);
        return new CustomerConversation(ticket.subject(), ticket.body(), ticket.requesterName(), ticket.requesterEmail(),
                List.of());
    }

    static CustomerTicket ticket(int i) {
        Text text = TEXTS.get(i % TEXTS.size());
        int customer = i % 97;
        return new CustomerTicket(text.subject() + " (#" + i + ")", text.body(), "Customer " + customer,
                "customer" + customer + "@example.com", List.of());
    }
}
