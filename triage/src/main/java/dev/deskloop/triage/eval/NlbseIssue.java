package dev.deskloop.triage.eval;

/** One GitHub issue of the NLBSE'24 issue report classification data. */
record NlbseIssue(String repo, String label, String title, String body) {
}
