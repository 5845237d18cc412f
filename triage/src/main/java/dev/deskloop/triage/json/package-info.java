/** JSON and YAML adapter of the triage contract (Jackson 3): ticket documents, triage results, service catalogs. */
package dev.deskloop.triage.json;
