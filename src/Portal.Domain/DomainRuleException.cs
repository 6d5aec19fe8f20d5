namespace Portal.Domain;

/// <summary>Thrown when an operation would break a rule of the domain (an invalid value or an illegal transition).</summary>
public sealed class DomainRuleException(string message) : Exception(message);
