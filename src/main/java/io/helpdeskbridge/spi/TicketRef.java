package io.helpdeskbridge.spi;

/** A ticket in a helpdesk: the helpdesk's id as a string (Zendesk numbers, Salesforce Case ids). */
public record TicketRef(String helpdesk, String id) {}
