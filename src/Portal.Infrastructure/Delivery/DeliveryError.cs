namespace Portal.Infrastructure.Delivery;

/// <summary>Placeholder until the senders land: the exception type only.</summary>
public static class DeliveryError
{
    public static string Describe(Exception e) => e.GetType().Name;
}
