package io.helpdeskbridge.refund;

import io.helpdeskbridge.event.Money;
import io.helpdeskbridge.event.RefundRequested;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an agent may refund from a ticket without anyone opening the payment dashboard. Amounts are
 * in the refund's currency, in major units ({@code 200} or {@code 200.00}); null means no limit.
 * Empty {@code reasons} or {@code groups} allow any.
 *
 * @param maxAmount the most one refund may give back
 * @param maxPerOrder the most the bridge may refund for one order, this refund included
 * @param secondApprovalAbove above this, the ticket must also carry {@code secondApprovalTag}
 */
public record RefundGuardrails(BigDecimal maxAmount, BigDecimal maxPerOrder, Set<String> reasons, Set<String> groups,
    BigDecimal secondApprovalAbove, String secondApprovalTag, Set<String> currencies) {

  public RefundGuardrails {
    reasons = lower(reasons);
    groups = groups == null ? Set.of() : Set.copyOf(groups);
    currencies = currencies == null ? Set.of() : currencies.stream().map(c -> c.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    secondApprovalTag = secondApprovalTag == null || secondApprovalTag.isBlank() ? "refund_second_approval" : secondApprovalTag;
  }

  /**
   * Why this refund may not go ahead, in words for the agent, or empty when it may.
   *
   * @param alreadyRefunded what the bridge refunded for the order before, in the same currency
   */
  public Optional<String> refusal(RefundRequested request, Money alreadyRefunded) {
    Money amount = request.amount();
    if (request.order().orderId() == null) {
      return Optional.of("the ticket names no order (set the order number field, or write #1001 in the subject)");
    }
    if (amount == null) return Optional.of("the ticket gives no refund amount (fill in the refund amount field)");
    if (amount.minor() <= 0) return Optional.of("the refund amount must be more than zero, not " + amount.format());
    if (!currencies.isEmpty() && !currencies.contains(amount.currency())) {
      return Optional.of(amount.currency() + " refunds are not allowed from tickets (allowed: " + sorted(currencies) + ")");
    }
    if (!reasons.isEmpty()) {
      String reason = request.reason() == null ? "" : request.reason().strip().toLowerCase(Locale.ROOT);
      if (!reasons.contains(reason)) {
        return Optional.of("the reason '" + (request.reason() == null ? "" : request.reason()) + "' is not one of "
            + sorted(reasons));
      }
    }
    if (!groups.isEmpty() && (request.groupId() == null || !groups.contains(request.groupId()))) {
      return Optional.of("the ticket's group (" + (request.groupId() == null ? "none" : request.groupId())
          + ") may not trigger refunds; ask an agent of an allowed group");
    }
    BigDecimal value = decimal(amount);
    if (maxAmount != null && value.compareTo(maxAmount) > 0) {
      return Optional.of(amount.format() + " is over the limit of " + plain(maxAmount) + " " + amount.currency()
          + " per refund; refund it from the payment dashboard");
    }
    if (maxPerOrder != null) {
      BigDecimal before = alreadyRefunded == null ? BigDecimal.ZERO : decimal(alreadyRefunded);
      if (before.add(value).compareTo(maxPerOrder) > 0) {
        return Optional.of("order " + request.order().orderId() + " already had " + plain(before) + " " + amount.currency()
            + " refunded through tickets; " + amount.format() + " more would pass the limit of " + plain(maxPerOrder)
            + " " + amount.currency() + " per order");
      }
    }
    if (secondApprovalAbove != null && value.compareTo(secondApprovalAbove) > 0
        && request.tags().stream().noneMatch(secondApprovalTag::equalsIgnoreCase)) {
      return Optional.of(amount.format() + " is above " + plain(secondApprovalAbove) + " " + amount.currency()
          + " and needs a second approval: a second agent adds the tag " + secondApprovalTag);
    }
    return Optional.empty();
  }

  private static BigDecimal decimal(Money m) {
    return new BigDecimal(m.decimal());
  }

  private static String plain(BigDecimal d) {
    return d.stripTrailingZeros().toPlainString();
  }

  private static String sorted(Set<String> s) {
    return s.stream().sorted().collect(Collectors.joining(", "));
  }

  private static Set<String> lower(Set<String> s) {
    return s == null ? Set.of() : s.stream().map(v -> v.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
  }

  /** Parses a comma-separated option ({@code reasons=duplicate,requested_by_customer}). */
  static Set<String> list(String csv) {
    if (csv == null || csv.isBlank()) return Set.of();
    return List.of(csv.split(",")).stream().map(String::strip).filter(v -> !v.isEmpty()).collect(Collectors.toUnmodifiableSet());
  }
}
