/**
 * The durable job queue (db-scheduler on the application's database). Modules contribute their tasks as beans;
 * scheduling joins the caller's transaction, so a row and the job that processes it commit together.
 */
package dev.deskloop.platform.jobs;
